package social.herd.federation.impl.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.moderation.RemoteReports;
import social.herd.federation.impl.DomainPolicy;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.activity.ParsedActivity;

/**
 * {@code Flag}: another server's moderators report one of our accounts (and some of its posts),
 * as Mastodon sends it: {@code object} lists the account's actor id and the posts' ids, {@code
 * content} is their note. It becomes a report in our moderation queue, unless the sending
 * domain's reports are rejected (a domain block with {@code reject_reports}).
 */
@Component(service = ReportHandler.class)
public final class ReportHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReportHandler.class);
    /** More objects than a report can hold are ignored rather than looked up. */
    private static final int OBJECTS_MAX = 101;

    private final RemoteReports reports;
    private final AccountDirectory accounts;
    private final DomainPolicy domains;
    private final FederationRuntime runtime;

    @Activate
    public ReportHandler(@Reference RemoteReports reports, @Reference AccountDirectory accounts,
                         @Reference DomainPolicy domains, @Reference FederationRuntime runtime) {
        this.reports = reports;
        this.accounts = accounts;
        this.domains = domains;
        this.runtime = runtime;
    }

    /**
     * @param objects every id of the Flag's {@code object} (account first, in Mastodon's order, but any order is read)
     * @return whether a report was filed
     */
    public boolean flag(ParsedActivity a, List<String> objects, RemoteAccount signer) {
        if (domains.rejectsReports(signer.actor().domain())) {
            LOG.debug("federation report from {} ignored: reports of its domain are rejected", signer.actor().domain());
            return false;
        }
        Optional<AccountSummary> target = Optional.empty();
        List<Long> statusIds = new ArrayList<>();
        for (String id : objects.stream().limit(OBJECTS_MAX).toList()) {
            Optional<Long> status = runtime.uris().statusIdOf(id);
            if (status.isPresent()) {
                statusIds.add(status.get());
                continue;
            }
            if (target.isEmpty()) {
                target = runtime.uris().usernameOf(id).flatMap(accounts::localByUsername).filter(x -> !x.suspended());
            }
        }
        if (target.isEmpty()) return false;
        String comment = a.content() == null ? "" : a.content();
        Optional<Long> report = reports.fileRemote(signer.accountId(), target.get().id(), statusIds, comment);
        report.ifPresent(id -> LOG.debug("federation report {} from {} filed as {}", a.id(), signer.actor().uri(), id));
        return report.isPresent();
    }
}
