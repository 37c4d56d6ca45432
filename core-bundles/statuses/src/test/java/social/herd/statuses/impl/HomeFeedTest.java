package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.link;
import static social.herd.statuses.impl.Api.ok;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.kv.Feeds;
import social.herd.kv.impl.KvFeeds;
import social.herd.kv.impl.RedisBackend;
import social.herd.spi.moderation.Verdict;
import social.herd.statuses.impl.timelines.HomeTimeline;
import social.herd.testing.TestRedis;
import social.herd.web.testing.ApiHarness;

/**
 * Home feeds in a real Redis, through the kv bundle's {@link Feeds} service: fan-out on write,
 * rebuilds, reblog collapsing, and that whatever a feed holds, reads apply the viewer's graph and
 * the visibility rule again.
 */
class HomeFeedTest {

    static Fixture f;
    static Api api;
    static RedisBackend backend;
    static KvFeeds feeds;

    @BeforeAll
    static void start() {
        backend = new RedisBackend(Map.of("url", TestRedis.shared().url()));
        feeds = new KvFeeds(backend);
        f = new Fixture().withFeeds(feeds);
        api = new Api(f);
        awaitAvailable(feeds);
    }

    @AfterAll
    static void stop() {
        f.close();
        feeds.deactivate();
        backend.deactivate();
    }

    static void awaitAvailable(Feeds feeds) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!feeds.available()) {
            if (System.nanoTime() > deadline) throw new AssertionError("Redis never became available");
            sleep(50);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> feed(long account) {
        return feeds.range(HomeTimeline.feedKey(account), null, null, null, 1000).orElseThrow().ids().stream()
                .map(String::valueOf).toList();
    }

    static List<String> home(long account) {
        return ids(ok(api.get("/api/v1/timelines/home?limit=40", account)));
    }

    @Test
    void aPostReachesTheFeedsOfItsAuthorAndFollowersThatExist() {
        long reader = f.directory.create("reader");
        long writer = f.directory.create("writer");
        long bystander = f.directory.create("bystander");
        long cold = f.directory.create("cold");
        f.graph.follow(reader, writer);
        f.graph.follow(cold, writer);
        String before = api.post(writer, "before").get("id").asText();
        f.deliverEvents();
        // no feed yet: PostgreSQL answers, and the feed is rebuilt from it
        assertThat(home(reader)).containsExactly(before);
        f.home.rebuild(reader);
        f.home.rebuild(writer);
        f.home.rebuild(bystander);
        assertThat(feed(reader)).containsExactly(before);

        String after = api.post(writer, "after").get("id").asText();
        f.deliverEvents();
        assertThat(feed(reader)).containsExactly(after, before);
        assertThat(feed(writer)).containsExactly(after, before);
        assertThat(feed(bystander)).isEmpty();
        // a missing feed stays missing: it is never mistaken for an empty one
        assertThat(feeds.range(HomeTimeline.feedKey(cold), null, null, null, 20)).isEmpty();
        assertThat(home(reader)).containsExactly(after, before);
        assertThat(home(cold)).containsExactly(after, before);
    }

    @Test
    void heldPostsReachOnlyTheAuthorAndDeletedOnesLeave() {
        long reader = f.directory.create("hreader");
        long writer = f.directory.create("hwriter");
        f.graph.follow(reader, writer);
        f.home.rebuild(reader);
        f.home.rebuild(writer);
        f.moderation.verdict = Verdict.hold("check links");
        String held;
        try {
            held = api.post(writer, "held").get("id").asText();
        } finally {
            f.moderation.verdict = Verdict.accept();
        }
        String shown = api.post(writer, "shown").get("id").asText();
        f.deliverEvents();
        assertThat(feed(reader)).containsExactly(shown);
        assertThat(feed(writer)).containsExactly(shown, held);
        assertThat(home(reader)).containsExactly(shown);
        assertThat(home(writer)).containsExactly(shown, held);

        // approval (the moderation bundle's event) brings it to the followers
        f.fanOut.on(new Event(EventTypes.STATUS_APPROVED, Map.of("status_id", Long.parseLong(held), "account_id", writer,
                "visibility", "public")));
        assertThat(feed(reader)).containsExactly(shown, held);

        ok(api.http.send("DELETE", "/api/v1/statuses/" + shown, Http.token(writer), null, null));
        f.deliverEvents();
        assertThat(feed(reader)).doesNotContain(shown);
        assertThat(feed(writer)).doesNotContain(shown);
        assertThat(home(reader)).doesNotContain(shown);
    }

    @Test
    void readsApplyTheGraphAndVisibilityWhateverTheFeedHolds() {
        long reader = f.directory.create("vreader");
        long friend = f.directory.create("vfriend");
        long muted = f.directory.create("vmuted");
        long left = f.directory.create("vleft");
        long gone = f.directory.create("vgone");
        for (long a : new long[] {friend, muted, left, gone}) f.graph.follow(reader, a);
        f.home.rebuild(reader);
        String kept = api.post(friend, "kept").get("id").asText();
        String fromMuted = api.post(muted, "muted").get("id").asText();
        String fromLeft = api.post(left, "left").get("id").asText();
        String fromGone = api.post(gone, "gone").get("id").asText();
        String dm = api.post(friend, "hi @" + f.directory.username(reader), "&visibility=direct").get("id").asText();
        String otherDm = api.post(friend, "hi @" + f.directory.username(muted), "&visibility=direct").get("id").asText();
        String priv = api.post(friend, "followers only", "&visibility=private").get("id").asText();
        f.deliverEvents();
        assertThat(feed(reader)).contains(kept, fromMuted, fromLeft, fromGone, dm, priv).doesNotContain(otherDm);

        // the feed still holds them all; the reader's graph now rules them out
        f.graph.mute(reader, muted);
        f.graph.follows.remove(List.of(reader, left));
        f.directory.suspend(gone);
        assertThat(feed(reader)).contains(fromMuted, fromLeft, fromGone);
        assertThat(home(reader)).containsExactly(priv, dm, kept);
        // a follower that stops following loses the private post too, though it is still in its feed
        f.graph.follows.remove(List.of(reader, friend));
        assertThat(home(reader)).isEmpty();
    }

    @Test
    void aReblogOfARecentPostIsNotAddedAgain() {
        long reader = f.directory.create("rreader");
        long author = f.directory.create("rauthor");
        long booster = f.directory.create("rbooster");
        long other = f.directory.create("rother");
        f.graph.follow(reader, author);
        f.graph.follow(reader, booster);
        f.graph.follow(reader, other);
        f.home.rebuild(reader);
        String post = api.post(author, "boost me").get("id").asText();
        String elsewhere = api.post(other, "not followed by reader's feed author").get("id").asText();
        f.deliverEvents();
        String reblog = ok(api.action(booster, post, "reblog")).get("id").asText();
        String reblogOfOther = ok(api.action(booster, elsewhere, "reblog")).get("id").asText();
        f.deliverEvents();
        // the post is in the feed already: its reblog is collapsed into it, as Mastodon does
        assertThat(feed(reader)).containsExactly(elsewhere, post);
        assertThat(home(reader)).containsExactly(elsewhere, post);
        assertThat(feed(reader)).doesNotContain(reblog, reblogOfOther);

        // a reblog of a post the reader's feed does not hold is added, once
        long stranger = f.directory.create("rstranger");
        String unseen = api.post(stranger, "from afar").get("id").asText();
        f.deliverEvents();
        String boosted = ok(api.action(booster, unseen, "reblog")).get("id").asText();
        long second = f.directory.create("rsecond");
        f.graph.follow(reader, second);
        String again = ok(api.action(second, unseen, "reblog")).get("id").asText();
        f.deliverEvents();
        assertThat(feed(reader)).contains(boosted).doesNotContain(again, unseen);
    }

    @Test
    void feedPagesMatchTheDatabaseAndContinueBelowATruncatedFeed() {
        long reader = f.directory.create("preader");
        long writer = f.directory.create("pwriter");
        f.graph.follow(reader, writer);
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 9; i++) posted.add(api.post(writer, "post " + i).get("id").asText());
        f.deliverEvents();
        List<String> newest = new ArrayList<>(posted);
        java.util.Collections.reverse(newest);
        List<List<String>> fromSql = pages(reader);
        f.home.rebuild(reader);
        assertThat(feed(reader)).containsExactlyElementsOf(newest);
        assertThat(pages(reader)).isEqualTo(fromSql);

        // a feed that kept only the newest three (truncated at its cap): older pages come from PostgreSQL
        String key = HomeTimeline.feedKey(reader);
        feeds.delete(List.of(key));
        assertThat(feeds.claim(key)).isTrue();
        feeds.complete(key, newest.subList(0, 3).stream().map(id -> new Feeds.Entry(Long.parseLong(id), 0)).toList(), 3);
        assertThat(feeds.range(key, null, null, null, 20).orElseThrow().truncated()).isTrue();
        assertThat(pages(reader)).isEqualTo(fromSql);
        assertThat(ids(ok(api.get("/api/v1/timelines/home?limit=5", reader)))).isEqualTo(newest.subList(0, 5));
        assertThat(ids(ok(api.get("/api/v1/timelines/home?min_id=" + newest.get(8) + "&limit=2", reader))))
                .isEqualTo(newest.subList(6, 8));
        assertThat(ids(ok(api.get("/api/v1/timelines/home?since_id=" + newest.get(2), reader))))
                .isEqualTo(newest.subList(0, 2));
    }

    /** Every page of the reader's home by limit 2, following the Link headers both ways. */
    static List<List<String>> pages(long reader) {
        List<List<String>> out = new ArrayList<>();
        ApiHarness.Response r = api.get("/api/v1/timelines/home?limit=2", reader);
        String last = null;
        while (true) {
            List<String> page = ids(ok(r));
            out.add(page);
            String next = link(r, "next");
            last = link(r, "prev");
            if (next == null) break;
            r = api.get(next, reader);
        }
        // and back up from the oldest page
        while (last != null) {
            ApiHarness.Response up = api.get(last, reader);
            List<String> page = ids(ok(up));
            if (page.isEmpty()) break;
            out.add(page);
            last = link(up, "prev");
        }
        return out;
    }
}
