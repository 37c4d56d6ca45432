package social.herd.statuses.impl.timelines;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.api.kv.Feeds;
import social.herd.statuses.impl.db.ListMapper;

/**
 * Fan-out on write into home feeds (Mastodon's FanOutOnWriteService), doing nothing unless
 * {@link Feeds} keeps feeds, i.e. with Redis configured. A new or approved status goes into the
 * feeds of its author and of every local follower, except followers whose exclusive lists hold the author;
 * a direct post only to the followers it mentions (Mastodon's deliver_to_mentioned_followers:
 * mentioned non-followers are told by a notification, not in home); a held post to its author
 * only, until approved. Only feeds that exist are touched: inactive accounts cost one check each.
 * A follow, unfollow or block drops the account's feed, so the next read rebuilds it from
 * PostgreSQL. When Redis is unreachable this throws, and the event bus retries the delivery later.
 */
@Component(service = EventSubscriber.class, property = {
        EventSubscriber.NAME + "=home-feeds",
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_CREATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_APPROVED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_DELETED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_FOLLOWED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_UNFOLLOWED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_BLOCKED})
public final class HomeFanOut implements EventSubscriber {

    private final Feeds feeds;
    private final SocialGraph graph;
    private final Database db;

    @Activate
    public HomeFanOut(@Reference Feeds feeds, @Reference SocialGraph graph, @Reference Database db,
                      @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(feeds, graph, db);
    }

    /** For tests and embedding. */
    public HomeFanOut(Feeds feeds, SocialGraph graph, Database db) {
        this.feeds = feeds;
        this.graph = graph;
        this.db = db;
    }

    @Override
    public void on(Event event) {
        // no feed store on this node: home timelines read PostgreSQL, so there is nothing to keep up
        // to date, and working out a post's recipients (all its local followers) would be wasted
        if (!feeds.configured()) return;
        switch (event.type()) {
            case EventTypes.STATUS_CREATED, EventTypes.STATUS_APPROVED -> {
                Feeds.Entry entry = Feeds.Entry.of(event.id("status_id"), event.id("reblog_of_id"));
                // approved: no longer held, whatever the data says
                boolean released = EventTypes.STATUS_APPROVED.equals(event.type()) || !event.flag("held");
                feeds.add(recipients(event, released), entry, HomeTimeline.CAP);
            }
            case EventTypes.STATUS_DELETED -> {
                Feeds.Entry entry = Feeds.Entry.of(event.id("status_id"), event.id("reblog_of_id"));
                feeds.remove(recipients(event, true), entry);
            }
            case EventTypes.ACCOUNT_FOLLOWED, EventTypes.ACCOUNT_UNFOLLOWED ->
                    feeds.delete(List.of(HomeTimeline.feedKey(event.id("account_id"))));
            case EventTypes.ACCOUNT_BLOCKED -> feeds.delete(List.of(HomeTimeline.feedKey(event.id("account_id")),
                    HomeTimeline.feedKey(event.id("target_id"))));
            default -> { }
        }
    }

    /** The feed keys a status goes to: its author's, and with {@code followers} those of its local followers. */
    private List<String> recipients(Event event, boolean followers) {
        long author = event.id("account_id");
        Set<Long> accounts = new LinkedHashSet<>();
        accounts.add(author);
        if (followers) {
            List<Long> all = graph.localFollowers(author);
            Set<Long> excluded = new HashSet<>(db.read(tx -> tx.mapper(ListMapper.class).exclusiveOwners(author)));
            Set<Long> mentioned = "direct".equals(event.string("visibility")) ? new HashSet<>(event.ids("mentions")) : null;
            for (Long f : all) {
                if (excluded.contains(f) || mentioned != null && !mentioned.contains(f)) continue;
                accounts.add(f);
            }
        }
        List<String> keys = new ArrayList<>(accounts.size());
        for (Long a : accounts) keys.add(HomeTimeline.feedKey(a));
        return keys;
    }
}
