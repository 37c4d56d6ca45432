package social.herd.admin.impl.plugins;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.cli.CliCommand;
import social.herd.web.api.ApiException;

/**
 * {@code herd plugins list|install FILE|remove ID|enable ID|disable ID}: the admin API's plugin
 * actions from the command line. It writes to the database like the API does, so every running
 * node picks the change up within seconds. Exit codes: 0 done, 1 refused, 2 wrong usage.
 */
@Component(service = CliCommand.class, property = CliCommand.NAME + "=plugins")
public final class PluginsCommand implements CliCommand {

    static final String USAGE = """
            usage: herd plugins list
                   herd plugins install FILE.jar
                   herd plugins remove ID
                   herd plugins enable ID
                   herd plugins disable ID""";

    private final PluginService plugins;

    @Activate
    public PluginsCommand(@Reference PluginService plugins) {
        this.plugins = plugins;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String sub = args.isEmpty() ? "" : args.get(0);
        try {
            switch (sub) {
                case "list" -> {
                    if (args.size() != 1) return usage(err);
                    out.printf("%-45s %-8s %-14s %-9s %s%n", "ID", "KIND", "VERSION", "STATE", "SOURCE");
                    for (PluginService.Plugin p : plugins.list()) {
                        out.printf("%-45s %-8s %-14s %-9s %s%s%n", p.id(), p.kind(), p.version(), p.state(), p.source(),
                                p.errors().isEmpty() ? "" : "  (" + String.join("; ", p.errors()) + ")");
                    }
                }
                case "install" -> {
                    if (args.size() != 2) return usage(err);
                    PluginService.Plugin p = plugins.upload(Files.readAllBytes(Path.of(args.get(1))), 0);
                    out.println("installed " + p.id() + " " + p.version() + " (" + p.kind() + ")");
                }
                case "remove" -> {
                    if (args.size() != 2) return usage(err);
                    plugins.delete(args.get(1));
                    out.println("removed " + args.get(1));
                }
                case "enable", "disable" -> {
                    if (args.size() != 2) return usage(err);
                    PluginService.Plugin p = plugins.setEnabled(args.get(1), sub.equals("enable"));
                    out.println(p.id() + " " + p.state());
                }
                default -> {
                    return usage(err);
                }
            }
            return 0;
        } catch (ApiException e) {
            err.println("herd plugins: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("herd plugins: cannot read " + args.get(1) + ": " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err) {
        err.println(USAGE);
        return 2;
    }
}
