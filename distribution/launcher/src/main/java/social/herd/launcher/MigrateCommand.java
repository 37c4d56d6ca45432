package social.herd.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * {@code herd migrate}: brings the database schema up to date and exits, for a Kubernetes Job or
 * init container. Booting the runtime is what migrates (each bundle's {@code Herd-Migrations}
 * scripts, under one PostgreSQL advisory lock, so it is safe next to running or starting servers);
 * this waits until every such bundle has published its {@code SchemaReady} service, reporting
 * each, and fails (exit 1) when one does not finish in time — its error is on stderr. An
 * interrupted run leaves every script applied with its history row or not at all; running again
 * resumes.
 */
final class MigrateCommand {

    static final String SCHEMA_READY = "social.herd.api.db.SchemaReady";

    private MigrateCommand() {}

    static int run(BundleContext context, PrintStream out, PrintStream err, Duration timeout) throws Exception {
        Map<String, Boolean> pending = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getHeaders().get("Herd-Migrations") != null) pending.put(b.getSymbolicName(), false);
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (pending.containsValue(false)) {
            for (String bsn : new ArrayList<>(pending.keySet())) {
                if (pending.get(bsn)) continue;
                ServiceReference<?>[] refs = context.getServiceReferences(SCHEMA_READY, "(herd.schema=" + bsn + ")");
                if (refs != null && refs.length > 0) {
                    pending.put(bsn, true);
                    out.println("schema up to date: " + bsn + " (version " + refs[0].getProperty("herd.schema.version") + ")");
                }
            }
            if (!pending.containsValue(false)) break;
            if (System.nanoTime() > deadline) {
                List<String> late = pending.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
                err.println("herd: migrations did not finish in " + timeout.toSeconds() + " s for " + String.join(", ", late)
                        + " (the error is above; the database keeps every fully applied script)");
                return 1;
            }
            Thread.sleep(100);
        }
        out.printf("migrations done: %d bundles in %.1f s%n", pending.size(), (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
