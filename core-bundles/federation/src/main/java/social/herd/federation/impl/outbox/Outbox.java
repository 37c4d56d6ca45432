package social.herd.federation.impl.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.federation.FederatedGraph;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.delivery.Deliveries;
import social.herd.federation.impl.render.Activities;

/**
 * Addressing and sending for local actors: to one remote account's inbox, or to the (shared)
 * inboxes of all remote followers of a local account, plus extra recipients (mentioned accounts).
 */
@Component(service = Outbox.class)
public final class Outbox {

    private static final int PAGE = 1000;

    private final Deliveries deliveries;
    private final RemoteAccounts remote;
    private final FederatedGraph graph;
    private final FederationRuntime runtime;

    @Activate
    public Outbox(@Reference Deliveries deliveries, @Reference RemoteAccounts remote, @Reference FederatedGraph graph,
                  @Reference FederationRuntime runtime) {
        this.deliveries = deliveries;
        this.remote = remote;
        this.graph = graph;
        this.runtime = runtime;
    }

    /** Sends to one remote account (its personal inbox: it is addressed to that actor alone). */
    public int toAccount(long signer, Map<String, Object> activity, long remoteAccountId) {
        Optional<RemoteAccount> r = remote.byId(remoteAccountId);
        if (r.isEmpty()) return 0;
        return deliveries.send(null, signer, activity, List.of(r.get().actor().inbox()));
    }

    /**
     * Sends to the remote followers of {@code signer} (when {@code toFollowers}) and to
     * {@code others}, one delivery per shared inbox.
     */
    public int toFollowersAnd(long signer, Map<String, Object> activity, boolean toFollowers, Collection<Long> others) {
        List<String> inboxes = new ArrayList<>();
        if (toFollowers) {
            long after = 0;
            while (true) {
                List<Long> page = graph.remoteFollowers(signer, after, PAGE);
                if (page.isEmpty()) break;
                remote.byIds(page).values().forEach(a -> inboxes.add(a.deliveryInbox()));
                after = page.get(page.size() - 1);
                if (page.size() < PAGE) break;
            }
        }
        if (!others.isEmpty()) remote.byIds(others).values().forEach(a -> inboxes.add(a.deliveryInbox()));
        return deliveries.send(null, signer, activity, inboxes);
    }

    /** Accept (or Reject) of a remote follow, embedding the Follow with its original id. */
    public void answerFollow(boolean accept, long localId, String localUsername, RemoteAccount follower, String followId) {
        String actor = runtime.uris().actor(localUsername);
        String id = followId != null ? followId : follower.actor().uri() + "#follows/unknown";
        toAccount(localId, Activities.answerFollow(accept ? "Accept" : "Reject", actor, id, follower.actor().uri()),
                follower.accountId());
    }
}
