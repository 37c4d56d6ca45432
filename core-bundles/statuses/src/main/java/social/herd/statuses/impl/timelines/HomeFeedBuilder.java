package social.herd.statuses.impl.timelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.db.Database;
import social.herd.api.kv.Feeds;
import social.herd.statuses.impl.db.Ref;
import social.herd.statuses.impl.db.StatusMapper;

/**
 * Rebuilds missing home feeds from PostgreSQL, in the background: the request that found the feed
 * missing is answered from PostgreSQL meanwhile, as Mastodon regenerates feeds in a worker. The
 * feed is claimed first, so fan-outs during the rebuild reach it and two nodes never both build it.
 */
final class HomeFeedBuilder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HomeFeedBuilder.class);

    private final Database db;
    private final SocialGraph graph;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    // two threads, a bounded queue: under a burst of cold feeds the rest wait for a later read
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), r -> {
                Thread t = new Thread(r, "herd-home-feed-builder");
                t.setDaemon(true);
                return t;
            });

    HomeFeedBuilder(Database db, SocialGraph graph) {
        this.db = db;
        this.graph = graph;
        executor.allowCoreThreadTimeOut(true);
    }

    /** Rebuilds the account's feed soon, unless a rebuild of it is already under way here. */
    void rebuildLater(Feeds feeds, long accountId) {
        if (!pending.add(accountId)) return;
        try {
            executor.execute(() -> {
                try {
                    rebuild(feeds, accountId);
                } catch (RuntimeException e) {
                    LOG.debug("home feed rebuild failed account={} error={}", accountId, e.toString());
                } finally {
                    pending.remove(accountId);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(accountId);
        }
    }

    /** Rebuilds now (tests and the background task); false when someone else holds the feed. */
    boolean rebuild(Feeds feeds, long accountId) {
        String key = HomeTimeline.feedKey(accountId);
        if (!feeds.claim(key)) return false;
        List<Feeds.Entry> entries = db.read(tx -> {
            HomeGraph g = HomeGraph.load(tx, graph, accountId);
            List<Feeds.Entry> out = new ArrayList<>();
            for (Ref r : tx.mapper(StatusMapper.class).feedEntries(g.feedAuthors().toArray(Long[]::new), HomeTimeline.CAP)) {
                out.add(new Feeds.Entry(r.id(), r.target()));
            }
            return out;
        });
        feeds.complete(key, entries, HomeTimeline.CAP);
        return true;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
