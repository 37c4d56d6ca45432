package social.herd.streaming.impl.fanout;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;
import social.herd.streaming.impl.Keys;
import social.herd.streaming.impl.StreamMessage;

/**
 * Decides which streams hear of a domain event, the way the REST timelines show it: the home
 * timeline (stream {@code user}) of the author and of the local followers, public and hashtag
 * streams for public originals, direct streams for deletes of direct posts. The routing is a first,
 * cheap cut: every status is still rendered for each viewer, which enforces visibility.
 */
public final class Routes {

    private final SocialGraph graph;
    private final StatusDirectory statuses;

    public Routes(SocialGraph graph, StatusDirectory statuses) {
        this.graph = graph;
        this.statuses = statuses;
    }

    /** The messages for {@code event}; empty for events streaming does not show. */
    public List<StreamMessage> messages(Event event) {
        return switch (event.type()) {
            case EventTypes.STATUS_CREATED, EventTypes.STATUS_APPROVED -> status(event, StreamMessage.UPDATE);
            case EventTypes.STATUS_UPDATED -> status(event, StreamMessage.STATUS_UPDATE);
            case EventTypes.STATUS_DELETED -> status(event, StreamMessage.DELETE);
            case EventTypes.NOTIFICATION_CREATED -> one(StreamMessage.NOTIFICATION, event.id("notification_id"),
                    event.id("account_id"), Keys::notifications);
            case EventTypes.CONVERSATION_UPDATED -> one(StreamMessage.CONVERSATION, event.id("conversation_id"),
                    event.id("account_id"), Keys::direct);
            case EventTypes.FILTERS_CHANGED -> one(StreamMessage.FILTERS_CHANGED, null, event.id("account_id"), Keys::user);
            default -> List.of();
        };
    }

    /** A message for one account's stream; none when the event lacks the account (nothing to retry). */
    private static List<StreamMessage> one(String name, Long id, Long account, LongFunction<String> key) {
        if (account == null || (id == null && !StreamMessage.FILTERS_CHANGED.equals(name))) return List.of();
        return List.of(new StreamMessage(name, id, null, null, false, List.of(key.apply(account))));
    }

    private List<StreamMessage> status(Event event, String name) {
        Optional<Facts> found = Facts.of(event, statuses);
        if (found.isEmpty()) return List.of();
        Facts s = found.get();
        Set<String> to = new LinkedHashSet<>();
        // Held posts await moderation: only their author may see them (their own home timeline).
        if (s.local()) to.add(Keys.user(s.author()));
        if (!s.held()) {
            homes(s, to);
            if ("public".equals(s.visibility()) && !s.reblog()) publicStreams(s, to);
            if ("direct".equals(s.visibility()) && StreamMessage.DELETE.equals(name)) {
                // Mastodon tells the direct streams of the participants that a message is gone.
                to.add(Keys.direct(s.author()));
                s.mentions().forEach(m -> to.add(Keys.direct(m)));
            }
        }
        if (to.isEmpty()) return List.of();
        return new StreamMessage(name, s.id(), s.author(), s.reblogAuthor(), s.withMedia(), List.copyOf(to)).split();
    }

    /** Home timelines: followers for public, unlisted and private; mentioned followers for direct. */
    private void homes(Facts s, Set<String> to) {
        if ("direct".equals(s.visibility())) {
            for (Long m : s.mentions()) if (graph.follows(m, s.author())) to.add(Keys.user(m));
        } else {
            for (Long f : graph.localFollowers(s.author())) to.add(Keys.user(f));
        }
    }

    /** Public originals (not reblogs): federated, local or remote, and their hashtags. */
    private static void publicStreams(Facts s, Set<String> to) {
        to.add(Keys.PUBLIC);
        to.add(s.local() ? Keys.PUBLIC_LOCAL : Keys.PUBLIC_REMOTE);
        for (String tag : s.tags()) {
            to.add(Keys.hashtag(tag, false));
            if (s.local()) to.add(Keys.hashtag(tag, true));
        }
    }

    /** What routing needs about a status: from the event, or from the statuses bundle when the event lacks it. */
    record Facts(long id, long author, boolean reblog, Long reblogAuthor, String visibility, List<Long> mentions,
                 List<String> tags, boolean local, boolean held, boolean withMedia) {

        static Optional<Facts> of(Event e, StatusDirectory statuses) {
            Long id = e.id("status_id");
            if (id == null) return Optional.empty();
            boolean complete = e.id("account_id") != null && e.string("visibility") != null
                    && e.data().containsKey("local") && e.data().containsKey("tags");
            if (complete) {
                return Optional.of(new Facts(id, e.id("account_id"), e.id("reblog_of_id") != null,
                        e.id("reblog_of_account_id"), e.string("visibility"), e.ids("mentions"), e.strings("tags"),
                        e.flag("local"), e.flag("held"), e.flag("with_media")));
            }
            // Older or thinner events (a delete carrying only ids): the statuses bundle keeps deleted rows.
            return statuses.facts(id).map(Facts::of);
        }

        static Facts of(StatusFacts f) {
            return new Facts(f.id(), f.accountId(), f.isReblog(), f.reblogOfAccountId(), f.visibility(), f.mentions(),
                    f.tags(), f.local(), f.held(), f.withMedia());
        }
    }
}
