package social.herd.federation.impl.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.api.federation.FederatedGraph;
import social.herd.api.federation.FederatedStatuses;
import social.herd.api.federation.RemoteAccounts;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.render.Activities;
import social.herd.federation.impl.render.ActorRenderer;
import social.herd.federation.impl.render.ActorUris;
import social.herd.federation.impl.render.Documents;
import social.herd.federation.impl.render.NoteRenderer;

/**
 * Turns local actions into activities for other servers: every domain event that Mastodon would
 * federate becomes one activity, queued for delivery. Remote posts and remote actors' actions are
 * never sent on (they arrive here as events too, with {@code local = false} or a remote actor).
 */
@Component(service = EventSubscriber.class, property = {
        EventSubscriber.NAME + "=federation.outgoing",
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_CREATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_APPROVED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_UPDATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_DELETED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_FAVOURITED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_UNFAVOURITED,
        EventSubscriber.TYPES + "=" + EventTypes.POLL_VOTED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_FOLLOWED,
        EventSubscriber.TYPES + "=" + EventTypes.FOLLOW_REQUESTED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_UNFOLLOWED,
        EventSubscriber.TYPES + "=" + EventTypes.FOLLOW_REJECTED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_BLOCKED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_UNBLOCKED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_UPDATED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_DELETED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_MOVED,
        EventSubscriber.TYPES + "=" + EventTypes.REPORT_CREATED})
public final class OutgoingActivities implements EventSubscriber {

    private final Outbox outbox;
    private final NoteRenderer notes;
    private final ActorRenderer actorDocs;
    private final ActorUris actors;
    private final RemoteAccounts remote;
    private final FederatedGraph graph;
    private final FederatedStatuses statuses;
    private final FederationRuntime runtime;

    @Activate
    public OutgoingActivities(@Reference Outbox outbox, @Reference Renderers renderers, @Reference RemoteAccounts remote,
                              @Reference FederatedGraph graph, @Reference FederatedStatuses statuses,
                              @Reference FederationRuntime runtime) {
        this.outbox = outbox;
        this.notes = renderers.notes();
        this.actorDocs = renderers.actors();
        this.actors = renderers.actorUris();
        this.remote = remote;
        this.graph = graph;
        this.statuses = statuses;
        this.runtime = runtime;
    }

    @Override
    public void on(Event e) {
        switch (e.type()) {
            case EventTypes.STATUS_CREATED, EventTypes.STATUS_APPROVED -> { if (localPost(e)) created(e); }
            case EventTypes.STATUS_UPDATED -> { if (localPost(e)) notes.note(e.id("status_id")).ifPresent(n ->
                    outbox.toFollowersAnd(n.facts().accountId(), Activities.update(n), !n.facts().visibility().equals("direct"),
                            recipients(n.facts().mentions(), n.facts().inReplyToAccountId()))); }
            case EventTypes.STATUS_DELETED -> { if (e.flag("local")) deleted(e); }
            case EventTypes.STATUS_FAVOURITED -> like(e, false);
            case EventTypes.STATUS_UNFAVOURITED -> like(e, true);
            case EventTypes.POLL_VOTED -> vote(e);
            case EventTypes.ACCOUNT_FOLLOWED -> withPair(e, (local, other, localIsActor) -> {
                if (!localIsActor) outbox.answerFollow(true, local.id, local.name, other,
                        graph.followActivityUri(other.accountId(), local.id).orElse(null));
            });
            case EventTypes.FOLLOW_REQUESTED -> withPair(e, (local, other, localIsActor) -> {
                if (localIsActor) outbox.toAccount(local.id, Activities.follow(runtime.uris().actor(local.name),
                        other.actor().uri()), other.accountId());
            });
            case EventTypes.ACCOUNT_UNFOLLOWED -> withPair(e, (local, other, localIsActor) -> {
                if (localIsActor) outbox.toAccount(local.id, Activities.undo(runtime.uris().actor(local.name),
                        Activities.follow(runtime.uris().actor(local.name), other.actor().uri())), other.accountId());
            });
            case EventTypes.FOLLOW_REJECTED -> withPair(e, (local, other, localIsActor) -> {
                // the request is gone by now: the event carries the Follow's id
                if (!localIsActor) outbox.answerFollow(false, local.id, local.name, other, e.string("follow_uri"));
            });
            case EventTypes.ACCOUNT_BLOCKED -> withPair(e, (local, other, localIsActor) -> {
                if (localIsActor) outbox.toAccount(local.id, Activities.block(runtime.uris().actor(local.name),
                        other.actor().uri()), other.accountId());
            });
            case EventTypes.ACCOUNT_UNBLOCKED -> withPair(e, (local, other, localIsActor) -> {
                if (localIsActor) outbox.toAccount(local.id, Activities.undo(runtime.uris().actor(local.name),
                        Activities.block(runtime.uris().actor(local.name), other.actor().uri())), other.accountId());
            });
            case EventTypes.ACCOUNT_UPDATED -> actors.localUsername(e.id("account_id")).flatMap(actorDocs::person)
                    .ifPresent(p -> outbox.toFollowersAnd(e.id("account_id"), Activities.updateActor(p), true, List.of()));
            case EventTypes.ACCOUNT_DELETED -> actors.localUsername(e.id("account_id")).ifPresent(name ->
                    outbox.toFollowersAnd(e.id("account_id"), Activities.deleteActor(runtime.uris().actor(name)), true, List.of()));
            case EventTypes.ACCOUNT_MOVED -> moved(e);
            case EventTypes.REPORT_CREATED -> { if (e.flag("forward")) forwardReport(e); }
            default -> { }
        }
    }

    /** A report of a remote account its reporter asked to forward: its server's moderators get a Flag. */
    private void forwardReport(Event e) {
        Optional<RemoteAccount> target = remote.byId(e.id("target_account_id"));
        if (target.isEmpty()) return;
        List<Long> ids = e.ids("status_ids");
        Map<Long, String> uris = statuses.uris(ids);
        List<String> objects = new ArrayList<>();
        objects.add(target.get().actor().uri());
        for (Long id : ids) if (uris.get(id) != null) objects.add(uris.get(id));
        // signed by the instance actor (account 0): the reporter stays anonymous, as in Mastodon
        outbox.toAccount(0, Activities.flag(runtime.uris().instanceActor(), objects, e.string("comment")), target.get().accountId());
    }

    /** A local account moved: its remote followers' servers hear Move and move their followers. */
    private void moved(Event e) {
        long id = e.id("account_id");
        Optional<String> name = actors.localUsername(id);
        Optional<String> target = actors.of(e.id("target_id"));
        if (name.isEmpty() || target.isEmpty()) return;
        outbox.toFollowersAnd(id, Activities.move(runtime.uris().actor(name.get()), target.get(),
                runtime.uris().followers(name.get())), true, List.of());
    }

    private boolean localPost(Event e) {
        return e.flag("local") && !e.flag("held");
    }

    private void created(Event e) {
        long id = e.id("status_id");
        Long reblogOf = e.id("reblog_of_id");
        if (reblogOf != null) {
            announce(e, id, reblogOf, false);
            return;
        }
        notes.note(id).ifPresent(n -> outbox.toFollowersAnd(n.facts().accountId(), Activities.create(n),
                !n.facts().visibility().equals("direct"), recipients(n.facts().mentions(), n.facts().inReplyToAccountId())));
    }

    private void deleted(Event e) {
        long id = e.id("status_id");
        long author = e.id("account_id");
        Optional<String> name = actors.localUsername(author);
        if (name.isEmpty()) return;
        Long reblogOf = e.id("reblog_of_id");
        if (reblogOf != null) {
            announce(e, id, reblogOf, true);
            return;
        }
        String actor = runtime.uris().actor(name.get());
        String visibility = e.string("visibility");
        List<Long> mentions = e.ids("mentions");
        NoteRenderer.Addressing a = NoteRenderer.address(visibility, runtime.uris().followers(name.get()),
                actors.of(mentions).values());
        outbox.toFollowersAnd(author, Activities.deleteNote(actor, runtime.uris().status(name.get(), id), a.to(), a.cc()),
                !"direct".equals(visibility), recipients(mentions, e.id("in_reply_to_account_id")));
    }

    private void announce(Event e, long reblogId, long originalId, boolean undo) {
        long booster = e.id("account_id");
        Optional<String> name = actors.localUsername(booster);
        String original = statuses.uris(List.of(originalId)).get(originalId);
        if (name.isEmpty() || original == null) return;
        String actor = runtime.uris().actor(name.get());
        Long originalAuthor = e.id("reblog_of_account_id");
        List<String> cc = new ArrayList<>();
        if (originalAuthor != null) actors.of(originalAuthor).ifPresent(cc::add);
        cc.add(runtime.uris().followers(name.get()));
        Map<String, Object> announce = Activities.announce(runtime.uris().status(name.get(), reblogId) + "/activity",
                actor, original, java.time.Instant.now().toString(), List.of(Documents.PUBLIC), cc);
        outbox.toFollowersAnd(booster, undo ? Activities.undo(actor, announce) : announce, true,
                originalAuthor == null ? List.of() : List.of(originalAuthor));
    }

    private void like(Event e, boolean undo) {
        long liker = e.id("account_id");
        Long author = e.id("status_account_id");
        Optional<String> name = actors.localUsername(liker);
        if (name.isEmpty() || author == null || remote.byId(author).isEmpty()) return;
        String object = statuses.uris(List.of(e.id("status_id"))).get(e.id("status_id"));
        if (object == null) return;
        String actor = runtime.uris().actor(name.get());
        Map<String, Object> like = Activities.like(actor, object);
        outbox.toAccount(liker, undo ? Activities.undo(actor, like) : like, author);
    }

    private void vote(Event e) {
        long voter = e.id("account_id");
        Long author = e.id("status_account_id");
        Optional<String> name = actors.localUsername(voter);
        Optional<RemoteAccount> pollAuthor = author == null ? Optional.empty() : remote.byId(author);
        if (name.isEmpty() || pollAuthor.isEmpty()) return;
        long statusId = e.id("status_id");
        String pollUri = statuses.uris(List.of(statusId)).get(statusId);
        List<String> titles = notes.pollOptions(statusId, voter);
        String actor = runtime.uris().actor(name.get());
        for (Long choice : e.ids("choices")) {
            if (pollUri == null || choice < 0 || choice >= titles.size()) continue;
            outbox.toAccount(voter, Activities.vote(actor, statusId * 100 + choice, pollUri,
                    pollAuthor.get().actor().uri(), titles.get(choice.intValue())), author);
        }
    }

    /** Remote accounts among the mentioned and the replied-to, who get the activity directly. */
    private List<Long> recipients(List<Long> mentions, Long inReplyToAccount) {
        List<Long> out = new ArrayList<>(mentions);
        if (inReplyToAccount != null) out.add(inReplyToAccount);
        return out;
    }

    private record Local(long id, String name) {}

    @FunctionalInterface
    private interface PairAction {
        void run(Local local, RemoteAccount other, boolean localIsActor);
    }

    /** Runs {@code action} when exactly one side of an account pair event is local and the other remote. */
    private void withPair(Event e, PairAction action) {
        long a = e.id("account_id");
        long t = e.id("target_id");
        Optional<String> localA = actors.localUsername(a);
        Optional<String> localT = actors.localUsername(t);
        if (localA.isPresent() && localT.isEmpty()) {
            remote.byId(t).ifPresent(r -> action.run(new Local(a, localA.get()), r, true));
        } else if (localT.isPresent() && localA.isEmpty()) {
            remote.byId(a).ifPresent(r -> action.run(new Local(t, localT.get()), r, false));
        }
    }
}
