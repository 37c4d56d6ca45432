package social.herd.federation.impl.admin;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.cli.CliCommand;
import social.herd.federation.impl.db.DomainAdminMapper.Block;
import social.herd.web.api.ApiException;

/**
 * {@code herd domains block|unblock|list|allow|disallow}: domain blocks and allows from the
 * command line, through the same service as the admin API. Exit codes: 0 done, 1 refused, 2 usage.
 */
@Component(service = CliCommand.class, property = CliCommand.NAME + "=domains")
public final class DomainsCommand implements CliCommand {

    static final String USAGE = """
            usage: herd domains list
                   herd domains block DOMAIN [--severity silence|suspend|noop] [--reject-media] [--reject-reports]
                                             [--public-comment TEXT] [--private-comment TEXT] [--obfuscate]
                   herd domains unblock DOMAIN
                   herd domains allow DOMAIN
                   herd domains disallow DOMAIN""";

    private final DomainAdmin admin;

    @Activate
    public DomainsCommand(@Reference DomainAdmin admin) {
        this.admin = admin;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String sub = args.isEmpty() ? "" : args.get(0);
        try {
            switch (sub) {
                case "list" -> {
                    for (Block b : admin.allBlocks()) {
                        out.printf("%-40s %-8s%s%s%s%n", b.domain(), b.severity(), b.rejectMedia() ? " reject-media" : "",
                                b.rejectReports() ? " reject-reports" : "", b.publicComment() == null ? "" : "  \"" + b.publicComment() + "\"");
                    }
                }
                case "block" -> {
                    if (args.size() < 2) return usage(err);
                    String severity = null, pub = null, priv = null;
                    boolean media = false, reports = false, obfuscate = false;
                    for (int i = 2; i < args.size(); i++) {
                        switch (args.get(i)) {
                            case "--severity" -> severity = value(args, ++i);
                            case "--reject-media" -> media = true;
                            case "--reject-reports" -> reports = true;
                            case "--obfuscate" -> obfuscate = true;
                            case "--public-comment" -> pub = value(args, ++i);
                            case "--private-comment" -> priv = value(args, ++i);
                            default -> {
                                return usage(err);
                            }
                        }
                    }
                    Block b = admin.create(new DomainAdmin.BlockRequest(args.get(1), severity, media, reports, priv, pub, obfuscate));
                    out.println("blocked " + b.domain() + " (" + b.severity() + ")");
                }
                case "unblock" -> {
                    if (args.size() != 2) return usage(err);
                    Block b = admin.byDomain(args.get(1));
                    admin.delete(b.id());
                    out.println("unblocked " + b.domain());
                }
                case "allow" -> {
                    if (args.size() != 2) return usage(err);
                    out.println("allowed " + admin.createAllow(args.get(1)).domain());
                }
                case "disallow" -> {
                    if (args.size() != 2) return usage(err);
                    var allowed = admin.allows(new social.herd.web.api.PageRequest(null, null, null, 200)).stream()
                            .filter(a -> a.domain().equalsIgnoreCase(args.get(1).strip())).findFirst();
                    if (allowed.isEmpty()) throw ApiException.notFound();
                    admin.deleteAllow(allowed.get().id());
                    out.println("no longer allowed " + allowed.get().domain());
                }
                default -> {
                    return usage(err);
                }
            }
            return 0;
        } catch (ApiException e) {
            err.println("herd domains: " + e.getMessage());
            return 1;
        } catch (IndexOutOfBoundsException e) {
            return usage(err);
        }
    }

    private static String value(List<String> args, int i) {
        return args.get(i);
    }

    private static int usage(PrintStream err) {
        err.println(USAGE);
        return 2;
    }
}
