package social.herd.federation.impl.delivery;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.Tx;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;
import social.herd.federation.impl.DomainPolicy;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.render.Documents;
import social.herd.web.api.Json;

/**
 * Hands activities to the {@code push} queue: one job per distinct inbox (shared inboxes make that
 * one per server), so a post to 10,000 followers on 500 servers is 500 signed requests. Inboxes of
 * suspended, unlisted (limited federation) and unavailable hosts are left out here.
 */
@Component(service = Deliveries.class)
public final class Deliveries {

    private final Database db;
    private final JobQueue jobs;
    private final FederationRuntime runtime;
    private final DomainPolicy domains;
    private final HostStates hosts;

    @Activate
    public Deliveries(@Reference Database db, @Reference JobQueue jobs, @Reference FederationRuntime runtime, @Reference DomainPolicy domains,
                      @Reference HostStates hosts) {
        this.db = db;
        this.jobs = jobs;
        this.runtime = runtime;
        this.domains = domains;
        this.hosts = hosts;
    }

    /**
     * Queues {@code activity} for every inbox, signed by local account {@code signerAccountId} (0:
     * the instance actor) with the key of the activity's {@code actor}.
     *
     * @return how many deliveries were queued
     */
    public int send(Tx tx, long signerAccountId, Map<String, Object> activity, Collection<String> inboxes) {
        Set<String> targets = distinct(inboxes);
        if (targets.isEmpty()) return 0;
        // all deliveries of one activity in one transaction: one commit instead of one per server
        if (tx == null) return db.transaction(t -> enqueue(t, signerAccountId, activity, targets));
        return enqueue(tx, signerAccountId, activity, targets);
    }

    /** One push job per (already filtered) inbox, in {@code tx}. */
    private int enqueue(Tx tx, long signerAccountId, Map<String, Object> activity, Set<String> targets) {
        String body = Documents.write(activity);
        int n = 0;
        for (String inbox : targets) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("inbox", inbox);
            payload.put("signer", Long.toString(signerAccountId));
            payload.put("key_id", activity.get("actor") + "#main-key");
            payload.put("body", body);
            JobRequest r = new JobRequest(Queues.PUSH, DeliveryJob.TYPE, Json.write(payload), null,
                    runtime.settings().deliveryAttempts());
            jobs.enqueue(tx, r);
            n++;
        }
        return n;
    }

    private Set<String> distinct(Collection<String> inboxes) {
        Set<String> out = new LinkedHashSet<>();
        for (String inbox : inboxes) {
            if (inbox == null || runtime.uris().isLocal(inbox)) continue;
            String host;
            try {
                host = URI.create(inbox).getAuthority();
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (host == null || domains.refused(host) || hosts.unavailable(host)) continue;
            out.add(inbox);
        }
        return out;
    }
}
