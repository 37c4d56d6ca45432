package social.herd.launcher;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Calls a {@code social.herd.api.cli.CliCommand} service. Like {@link ConfigPusher}, it reaches the
 * service reflectively: the launcher must not load its own copy of the API classes.
 */
final class CommandRunner {

    static final String INTERFACE = "social.herd.api.cli.CliCommand";

    private CommandRunner() {}

    /**
     * Waits up to {@code timeout} for the command named {@code name} (its bundle may still be
     * migrating its tables) and runs it.
     *
     * @return the command's exit code, or 2 when no bundle offers that command
     */
    static int run(BundleContext context, String name, List<String> args, PrintStream out, PrintStream err,
                   Duration timeout) throws Exception {
        ServiceReference<?> ref = await(context, name, timeout);
        if (ref == null) {
            err.println("herd: unknown command '" + name + "' (no installed bundle provides it)");
            return 2;
        }
        Object command = context.getService(ref);
        try {
            Method run = command.getClass().getMethod("run", List.class, PrintStream.class, PrintStream.class);
            return (Integer) run.invoke(command, args, out, err);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } finally {
            context.ungetService(ref);
        }
    }

    private static ServiceReference<?> await(BundleContext context, String name, Duration timeout)
            throws InvalidSyntaxException, InterruptedException {
        String filter = "(herd.command=" + name.replaceAll("[()*\\\\]", "") + ")";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ServiceReference<?>[] refs = context.getServiceReferences(INTERFACE, filter);
            if (refs != null && refs.length > 0) return refs[0];
            if (System.nanoTime() > deadline) return null;
            Thread.sleep(100);
        }
    }
}
