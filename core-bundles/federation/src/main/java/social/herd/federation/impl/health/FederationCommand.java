package social.herd.federation.impl.health;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.cli.CliCommand;
import social.herd.api.health.HealthStatus;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.LocalUris;

/**
 * {@code bin/herd federation check}: prints the handle and web domains and whether
 * {@code https://LOCAL_DOMAIN/.well-known/webfinger} leads to this server. Exit code 1 when it does
 * not (so a deployment script can stop on it).
 */
@Component(service = CliCommand.class, property = CliCommand.NAME + "=federation")
public final class FederationCommand implements CliCommand {

    private final SplitDomainCheck check;
    private final LocalUris uris;

    @Activate
    public FederationCommand(@Reference SplitDomainCheck check, @Reference FederationRuntime runtime) {
        this.check = check;
        this.uris = runtime.uris();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || !args.get(0).equals("check")) {
            err.println("usage: herd federation check");
            return 2;
        }
        out.println("handles:    @user@" + uris.localDomain());
        out.println("web domain: " + uris.webDomain() + " (" + uris.base() + ")");
        if (uris.localDomain().equalsIgnoreCase(uris.webDomain())) {
            out.println("webfinger:  served here directly (no redirect needed)");
            return 0;
        }
        HealthStatus s = check.probe();
        out.println("webfinger:  " + (s.state() == HealthStatus.State.UP ? "ok, " : "NOT OK, ") + s.detail());
        return s.state() == HealthStatus.State.UP ? 0 : 1;
    }
}
