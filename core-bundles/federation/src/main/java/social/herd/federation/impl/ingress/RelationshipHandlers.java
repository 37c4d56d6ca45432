package social.herd.federation.impl.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.federation.FederatedGraph;
import social.herd.api.federation.FederatedGraph.FollowOutcome;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.moderation.Moderation;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.activity.ApJson;
import social.herd.federation.impl.activity.ParsedActivity;
import social.herd.federation.impl.fetch.ActorStore;
import social.herd.federation.impl.fetch.FetchFailure;
import social.herd.federation.impl.outbox.Outbox;
import social.herd.spi.moderation.IncomingActivity;
import social.herd.spi.moderation.Verdict;

/**
 * Follow, Accept, Reject, Block, Move and their Undo. The signer is always the acting remote actor
 * (checked at the inbox); the object must be one of our local accounts.
 */
@Component(service = RelationshipHandlers.class)
public final class RelationshipHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(RelationshipHandlers.class);

    private final FederatedGraph graph;
    private final SocialGraph social;
    private final AccountDirectory accounts;
    private final RemoteAccounts remote;
    private final ActorStore actors;
    private final Outbox outbox;
    private final Moderation moderation;
    private final FederationRuntime runtime;

    @Activate
    public RelationshipHandlers(@Reference FederatedGraph graph, @Reference SocialGraph social,
                                @Reference AccountDirectory accounts, @Reference RemoteAccounts remote,
                                @Reference ActorStore actors, @Reference Outbox outbox, @Reference Moderation moderation,
                                @Reference FederationRuntime runtime) {
        this.graph = graph;
        this.social = social;
        this.accounts = accounts;
        this.remote = remote;
        this.actors = actors;
        this.outbox = outbox;
        this.moderation = moderation;
        this.runtime = runtime;
    }

    public boolean apply(ParsedActivity a, RemoteAccount signer) {
        return switch (a.type()) {
            case "Follow" -> follow(a, signer);
            case "Accept", "Reject" -> answer(a, signer);
            case "Block" -> local(a.objectId()).map(t -> { graph.remoteBlock(signer.accountId(), t.id()); return true; }).orElse(false);
            case "Move" -> move(a, signer);
            default -> false;
        };
    }

    /** Undo of a Follow or Block; false for other inner types (content handles those). */
    public boolean undo(ParsedActivity a, RemoteAccount signer) {
        JsonNode inner = a.object();
        if (inner == null) return false;
        String type = ApJson.types(inner).stream().findFirst().orElse("");
        Optional<AccountSummary> target = local(ApJson.id(inner.path("object")));
        if (target.isEmpty()) return false;
        return switch (type) {
            case "Follow" -> { graph.remoteUnfollow(signer.accountId(), target.get().id()); yield true; }
            case "Block" -> { graph.remoteUnblock(signer.accountId(), target.get().id()); yield true; }
            default -> false;
        };
    }

    private boolean follow(ParsedActivity a, RemoteAccount signer) {
        Optional<AccountSummary> target = local(a.objectId());
        if (target.isEmpty()) return false;
        Verdict v = moderation.review(new IncomingActivity("Follow", signer.actor().uri(), signer.actor().domain(),
                "", "", "", false, "public", 0, java.util.List.of()));
        boolean already = social.follows(signer.accountId(), target.get().id());
        FollowOutcome outcome = v.decision() == Verdict.Decision.REJECT ? FollowOutcome.REFUSED
                : graph.remoteFollow(signer.accountId(), target.get().id(), a.id());
        switch (outcome) {
            // a new follow is accepted from its account.followed event; a repeated Follow (the
            // sender lost our Accept) gets a fresh Accept here
            case FOLLOWING -> { if (already) outbox.answerFollow(true, target.get().id(), target.get().username(), signer, a.id()); }
            case REFUSED -> outbox.answerFollow(false, target.get().id(), target.get().username(), signer, a.id());
            case REQUESTED -> { }
        }
        return true;
    }

    private boolean answer(ParsedActivity a, RemoteAccount signer) {
        // the object is our Follow, embedded or by id; its actor is the local follower
        JsonNode follow = a.object();
        String followerUri = follow != null ? ApJson.id(follow.path("actor")) : null;
        if (followerUri == null && a.objectId() != null) {
            String id = a.objectId();
            followerUri = id.contains("#") ? id.substring(0, id.indexOf('#')) : null;
        }
        Optional<AccountSummary> follower = local(followerUri);
        if (follower.isEmpty()) return false;
        if (a.type().equals("Accept")) graph.followAccepted(follower.get().id(), signer.accountId());
        else graph.followRejected(follower.get().id(), signer.accountId());
        return true;
    }

    private boolean move(ParsedActivity a, RemoteAccount signer) {
        if (!signer.actor().uri().equals(a.objectId()) || a.target() == null) return false;
        String old = signer.actor().uri();
        long targetId;
        boolean listed;
        if (runtime.uris().isLocal(a.target())) {
            // a move to one of ours: our user must have named the old account as an alias
            Optional<AccountSummary> target = local(a.target());
            if (target.isEmpty()) return false;
            targetId = target.get().id();
            listed = accounts.alsoKnownAs(targetId).contains(old);
        } else {
            try {
                RemoteAccount target = actors.fetch(a.target());
                targetId = target.accountId();
                listed = target.actor().uri().equals(a.target()) && alsoKnownAs(a.target(), old);
            } catch (FetchFailure e) {
                LOG.debug("move target {} could not be fetched: {}", a.target(), e.getMessage());
                return false;
            }
        }
        // the new account must name the old one in alsoKnownAs, or anyone could steal followers
        if (!listed) {
            LOG.info("federation move from={} to={} refused: target does not list the old account", old, a.target());
            return true;
        }
        remote.moved(signer.accountId(), targetId);
        return true;
    }

    private boolean alsoKnownAs(String targetUri, String oldUri) throws FetchFailure {
        return ApJson.ids(actors.rawDocument(targetUri), "alsoKnownAs").contains(oldUri);
    }

    private Optional<AccountSummary> local(String actorUri) {
        return runtime.uris().usernameOf(actorUri).flatMap(accounts::localByUsername).filter(x -> !x.suspended());
    }
}
