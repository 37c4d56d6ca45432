package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.auth.Role;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/**
 * Follow, follow requests, unfollow, remove_from_followers, block, mute, notes and the exact
 * Relationship entity, through the real resources on a real PostgreSQL.
 */
class RelationshipsTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;
    static final AtomicInteger NAMES = new AtomicInteger();

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        http = Api.harness(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** A confirmed user with a fresh name; the token is {@code user:<userId>:<accountId>}. */
    static String user(String prefix) {
        return f.userToken(prefix + NAMES.incrementAndGet());
    }

    static String id(String token) {
        return token.split(":")[2];
    }

    static void lock(String token) {
        f.exec("UPDATE accounts SET locked = true WHERE id = " + id(token));
    }

    static JsonNode json(ApiHarness.Response r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.status() + " " + r.body(), e);
        }
    }

    static JsonNode ok(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    static ApiHarness.Response post(String token, String path) {
        return http.form("POST", path, token, "");
    }

    /** The relationship of {@code token}'s account to {@code other}, read through GET relationships. */
    static JsonNode relationship(String token, String other) {
        JsonNode list = ok(http.get("/api/v1/accounts/relationships?id[]=" + id(other), token));
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    /** A Relationship with every flag off, then the named ones on: the whole entity, for exact comparison. */
    static ObjectNode rel(String other, String... on) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("id", id(other));
        for (String flag : List.of("following", "showing_reblogs", "notifying")) r.put(flag, false);
        r.putNull("languages");
        for (String flag : List.of("followed_by", "blocking", "blocked_by", "muting", "muting_notifications",
                "requested", "requested_by", "domain_blocking", "endorsed")) {
            r.put(flag, false);
        }
        r.put("note", "");
        for (String flag : on) {
            assertThat(r.has(flag)).as(flag).isTrue();
            r.put(flag, true);
        }
        return r;
    }

    static JsonNode account(String token) {
        return ok(http.get("/api/v1/accounts/" + id(token), null));
    }

    static long follows(String from, String to) {
        return f.count("SELECT count(*) FROM follows WHERE account_id = " + id(from) + " AND target_account_id = " + id(to));
    }

    @Test
    void followingAnUnlockedAccountIsImmediateAndFollowingAgainChangesOptions() {
        String alice = user("alice");
        String bob = user("bob");
        JsonNode r = ok(post(alice, "/api/v1/accounts/" + id(bob) + "/follow"));
        assertThat(r).isEqualTo(rel(bob, "following", "showing_reblogs"));
        assertThat(relationship(bob, alice)).isEqualTo(rel(alice, "followed_by"));
        assertThat(account(bob).get("followers_count").asInt()).isEqualTo(1);
        assertThat(account(bob).get("following_count").asInt()).isZero();
        assertThat(account(alice).get("following_count").asInt()).isEqualTo(1);

        JsonNode changed = ok(http.form("POST", "/api/v1/accounts/" + id(bob) + "/follow", alice,
                "reblogs=false&notify=true&languages%5B%5D=en&languages%5B%5D=FR"));
        ObjectNode expected = rel(bob, "following", "notifying");
        expected.putArray("languages").add("en").add("fr");
        assertThat(changed).isEqualTo(expected);
        // options not sent are kept; JSON bodies work the same
        JsonNode json = ok(http.json("POST", "/api/v1/accounts/" + id(bob) + "/follow", alice, "{\"languages\":[\"de\"]}"));
        expected.putArray("languages").add("de");
        assertThat(json).isEqualTo(expected);
        assertThat(relationship(alice, bob)).isEqualTo(expected);
        assertThat(follows(alice, bob)).isEqualTo(1);
        assertThat(account(bob).get("followers_count").asInt()).isEqualTo(1);

        JsonNode unfollowed = ok(post(alice, "/api/v1/accounts/" + id(bob) + "/unfollow"));
        assertThat(unfollowed).isEqualTo(rel(bob));
        assertThat(account(bob).get("followers_count").asInt()).isZero();
        assertThat(account(alice).get("following_count").asInt()).isZero();
        // unfollowing again changes nothing, and counters never go below zero
        assertThat(ok(post(alice, "/api/v1/accounts/" + id(bob) + "/unfollow"))).isEqualTo(rel(bob));
        assertThat(account(bob).get("followers_count").asInt()).isZero();
    }

    @Test
    void concurrentDuplicateFollowsMakeOneFollowCountedOnce() throws Exception {
        String fan = user("fan");
        String star = user("star");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiHarness.Response>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return post(fan, "/api/v1/accounts/" + id(star) + "/follow");
            }));
        }
        go.countDown();
        for (Future<ApiHarness.Response> a : answers) assertThat(ok(a.get()).get("following").asBoolean()).isTrue();
        pool.shutdown();
        assertThat(follows(fan, star)).isEqualTo(1);
        assertThat(account(star).get("followers_count").asInt()).isEqualTo(1);
        assertThat(account(fan).get("following_count").asInt()).isEqualTo(1);
    }

    /** Deterministic form of the race: our insert meets a duplicate that commits while we wait on it. */
    @Test
    void followRacingAnUncommittedDuplicateSucceedsWithoutASecondRow() throws Exception {
        String fan = user("fan");
        String star = user("star");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (java.sql.Connection c = f.ds.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("INSERT INTO follows (id, account_id, target_account_id) VALUES (" + f.ids.nextId() + ", "
                        + id(fan) + ", " + id(star) + ")");
            }
            Future<ApiHarness.Response> racing = pool.submit(() -> post(fan, "/api/v1/accounts/" + id(star) + "/follow"));
            Thread.sleep(300);
            assertThat(racing.isDone()).as("the second insert waits on the unique pair").isFalse();
            c.commit();
            assertThat(ok(racing.get(20, java.util.concurrent.TimeUnit.SECONDS))).isEqualTo(rel(star, "following", "showing_reblogs"));
        } finally {
            pool.shutdown();
        }
        assertThat(follows(fan, star)).isEqualTo(1);
    }

    @Test
    void followingYourselfOrAnUnknownAccountIsNotFound() {
        String me = user("self");
        ApiHarness.Response self = post(me, "/api/v1/accounts/" + id(me) + "/follow");
        assertThat(self.status()).isEqualTo(404);
        assertThat(self.body()).isEqualTo("{\"error\":\"Record not found\"}");
        for (String action : List.of("follow", "unfollow", "block", "unblock", "mute", "unmute", "note",
                "remove_from_followers")) {
            ApiHarness.Response r = post(me, "/api/v1/accounts/999999999/" + action);
            assertThat(r.status()).as(action).isEqualTo(404);
            assertThat(r.body()).as(action).isEqualTo("{\"error\":\"Record not found\"}");
        }
        assertThat(http.get("/api/v1/accounts/999999999/followers", null).status()).isEqualTo(404);
        assertThat(post(me, "/api/v1/follow_requests/999999999/authorize").status()).isEqualTo(404);
    }

    @Test
    void lockedAccountGetsARequestThatCanBeAuthorised() {
        String asker = user("asker");
        String locked = user("locked");
        lock(locked);
        JsonNode r = ok(http.form("POST", "/api/v1/accounts/" + id(locked) + "/follow", asker, "notify=true"));
        assertThat(r).isEqualTo(rel(locked, "requested", "showing_reblogs", "notifying"));
        assertThat(follows(asker, locked)).isZero();
        assertThat(account(locked).get("followers_count").asInt()).isZero();
        assertThat(relationship(locked, asker)).isEqualTo(rel(asker, "requested_by"));
        assertThat(ok(http.get("/api/v1/accounts/verify_credentials", locked)).at("/source/follow_requests_count").asInt())
                .isEqualTo(1);

        ApiHarness.Response list = http.get("/api/v1/follow_requests", locked);
        JsonNode requests = ok(list);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).get("id").asText()).isEqualTo(id(asker));
        long requestRow = f.count("SELECT id FROM follow_requests WHERE account_id = " + id(asker));
        assertThat(list.headers().get("link")).contains("min_id=" + requestRow + ">; rel=\"prev\"");

        JsonNode authorized = ok(post(locked, "/api/v1/follow_requests/" + id(asker) + "/authorize"));
        assertThat(authorized).isEqualTo(rel(asker, "followed_by"));
        assertThat(relationship(asker, locked)).isEqualTo(rel(locked, "following", "showing_reblogs", "notifying"));
        assertThat(ok(http.get("/api/v1/follow_requests", locked))).isEmpty();
        assertThat(account(locked).get("followers_count").asInt()).isEqualTo(1);
        assertThat(account(asker).get("following_count").asInt()).isEqualTo(1);
        ApiHarness.Response again = post(locked, "/api/v1/follow_requests/" + id(asker) + "/authorize");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body()).isEqualTo("{\"error\":\"Record not found\"}");
    }

    @Test
    void rejectedRequestsAndWithdrawnRequestsLeaveNothing() {
        String asker = user("asker");
        String locked = user("locked");
        lock(locked);
        ok(post(asker, "/api/v1/accounts/" + id(locked) + "/follow"));
        assertThat(ok(post(locked, "/api/v1/follow_requests/" + id(asker) + "/reject"))).isEqualTo(rel(asker));
        assertThat(relationship(asker, locked)).isEqualTo(rel(locked));
        assertThat(f.count("SELECT count(*) FROM follow_requests WHERE account_id = " + id(asker))).isZero();
        assertThat(follows(asker, locked)).isZero();
        assertThat(post(locked, "/api/v1/follow_requests/" + id(asker) + "/reject").status()).isEqualTo(404);

        ok(post(asker, "/api/v1/accounts/" + id(locked) + "/follow"));
        assertThat(ok(post(asker, "/api/v1/accounts/" + id(locked) + "/unfollow"))).isEqualTo(rel(locked));
        assertThat(f.count("SELECT count(*) FROM follow_requests WHERE account_id = " + id(asker))).isZero();
        assertThat(ok(http.get("/api/v1/follow_requests", locked))).isEmpty();
    }

    @Test
    void blockEndsFollowsBothWaysAndForbidsFollowing() {
        String blocker = user("blocker");
        String other = user("other");
        String lockedBlocker = user("lb");
        ok(post(blocker, "/api/v1/accounts/" + id(other) + "/follow"));
        ok(post(other, "/api/v1/accounts/" + id(blocker) + "/follow"));
        assertThat(relationship(blocker, other)).isEqualTo(rel(other, "following", "showing_reblogs", "followed_by"));

        JsonNode blocked = ok(post(blocker, "/api/v1/accounts/" + id(other) + "/block"));
        assertThat(blocked).isEqualTo(rel(other, "blocking"));
        assertThat(relationship(other, blocker)).isEqualTo(rel(blocker, "blocked_by"));
        assertThat(follows(blocker, other) + follows(other, blocker)).isZero();
        assertThat(account(blocker).get("followers_count").asInt()).isZero();
        assertThat(account(blocker).get("following_count").asInt()).isZero();
        assertThat(account(other).get("followers_count").asInt()).isZero();

        for (String[] pair : new String[][] {{other, blocker}, {blocker, other}}) {
            ApiHarness.Response r = post(pair[0], "/api/v1/accounts/" + id(pair[1]) + "/follow");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).isEqualTo("{\"error\":\"This action is not allowed\"}");
        }
        assertThat(follows(blocker, other) + follows(other, blocker)).isZero();

        JsonNode list = ok(http.get("/api/v1/blocks", blocker));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asText()).isEqualTo(id(other));

        assertThat(ok(post(blocker, "/api/v1/accounts/" + id(other) + "/unblock"))).isEqualTo(rel(other));
        assertThat(ok(http.get("/api/v1/blocks", blocker))).isEmpty();
        assertThat(ok(post(other, "/api/v1/accounts/" + id(blocker) + "/follow")).get("following").asBoolean()).isTrue();

        // a block also drops pending requests, both ways
        lock(lockedBlocker);
        ok(post(other, "/api/v1/accounts/" + id(lockedBlocker) + "/follow"));
        assertThat(ok(post(lockedBlocker, "/api/v1/accounts/" + id(other) + "/block"))).isEqualTo(rel(other, "blocking"));
        assertThat(ok(http.get("/api/v1/follow_requests", lockedBlocker))).isEmpty();
    }

    @Test
    void muteWithDurationExpiresAndUnmuteEndsIt() {
        String muter = user("muter");
        String noisy = user("noisy");
        long before = System.currentTimeMillis();
        JsonNode r = ok(http.form("POST", "/api/v1/accounts/" + id(noisy) + "/mute", muter, "notifications=false&duration=3600"));
        assertThat(r).isEqualTo(rel(noisy, "muting"));
        JsonNode mutes = ok(http.get("/api/v1/mutes", muter));
        assertThat(mutes).hasSize(1);
        assertThat(mutes.get(0).get("id").asText()).isEqualTo(id(noisy));
        long expires = java.time.Instant.parse(mutes.get(0).get("mute_expires_at").asText()).toEpochMilli();
        assertThat(expires).isBetween(before + 3_599_000, System.currentTimeMillis() + 3_601_000);

        // muting again replaces the options: notifications hidden (the default), no end
        assertThat(ok(http.json("POST", "/api/v1/accounts/" + id(noisy) + "/mute", muter, "{\"duration\":0}")))
                .isEqualTo(rel(noisy, "muting", "muting_notifications"));
        assertThat(ok(http.get("/api/v1/mutes", muter)).get(0).get("mute_expires_at").isNull()).isTrue();

        // an expired mute is no mute
        f.exec("UPDATE mutes SET expires_at = now() - interval '1 second' WHERE account_id = " + id(muter));
        assertThat(relationship(muter, noisy)).isEqualTo(rel(noisy));
        assertThat(ok(http.get("/api/v1/mutes", muter))).isEmpty();

        ok(post(muter, "/api/v1/accounts/" + id(noisy) + "/mute"));
        assertThat(ok(post(muter, "/api/v1/accounts/" + id(noisy) + "/unmute"))).isEqualTo(rel(noisy));
        assertThat(f.count("SELECT count(*) FROM mutes WHERE account_id = " + id(muter))).isZero();
    }

    @Test
    void notesAreKeptUntilBlanked() {
        String me = user("noter");
        String them = user("noted");
        ObjectNode expected = rel(them);
        expected.put("note", "met at the café");
        assertThat(ok(http.form("POST", "/api/v1/accounts/" + id(them) + "/note", me, "comment=met+at+the+caf%C3%A9")))
                .isEqualTo(expected);
        assertThat(relationship(me, them)).isEqualTo(expected);
        assertThat(relationship(them, me).get("note").asText()).isEmpty();
        ApiHarness.Response tooLong = http.form("POST", "/api/v1/accounts/" + id(them) + "/note", me, "comment=" + "x".repeat(2001));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(ok(http.json("POST", "/api/v1/accounts/" + id(them) + "/note", me, "{\"comment\":\"\"}"))).isEqualTo(rel(them));
    }

    @Test
    void relationshipsKeepTheOrderAskedAndLeaveOutUnknownAndSuspendedAccounts() {
        String me = user("viewer");
        String a = user("a");
        String b = user("b");
        String gone = user("gone");
        ok(post(me, "/api/v1/accounts/" + id(a) + "/follow"));
        f.exec("UPDATE accounts SET suspended_at = now() WHERE id = " + id(gone));
        JsonNode list = ok(http.get("/api/v1/accounts/relationships?id[]=" + id(b) + "&id[]=12345&id[]=" + id(a)
                + "&id[]=" + id(gone) + "&id[]=nope", me));
        assertThat(list).hasSize(2);
        assertThat(list.get(0)).isEqualTo(rel(b));
        assertThat(list.get(1)).isEqualTo(rel(a, "following", "showing_reblogs"));
        assertThat(ok(http.get("/api/v1/accounts/relationships?id=" + id(a), me))).containsExactly(rel(a, "following", "showing_reblogs"));
        assertThat(ok(http.get("/api/v1/accounts/relationships?id[]=" + id(gone) + "&with_suspended=true", me)))
                .containsExactly(rel(gone));
        assertThat(ok(http.get("/api/v1/accounts/relationships", me))).isEmpty();
    }

    @Test
    void removeFromFollowers() {
        String me = user("popular");
        String fan = user("fan");
        ok(post(fan, "/api/v1/accounts/" + id(me) + "/follow"));
        assertThat(relationship(me, fan)).isEqualTo(rel(fan, "followed_by"));
        assertThat(ok(post(me, "/api/v1/accounts/" + id(fan) + "/remove_from_followers"))).isEqualTo(rel(fan));
        assertThat(relationship(fan, me)).isEqualTo(rel(me));
        assertThat(account(me).get("followers_count").asInt()).isZero();
        assertThat(account(fan).get("following_count").asInt()).isZero();
    }

    @Test
    void followScopesAreEnforced() {
        String target = user("target");
        String full = user("scoper");
        String[] parts = full.split(":");
        String profileOnly = "scoped:" + parts[1] + ":" + parts[2] + ":read:accounts,write:accounts";
        String followsOnly = "scoped:" + parts[1] + ":" + parts[2] + ":read:follows,write:follows";
        String legacy = "scoped:" + parts[1] + ":" + parts[2] + ":follow";
        String denied = "{\"error\":\"This action is outside the authorized scopes\"}";
        for (ApiHarness.Response r : List.of(post(profileOnly, "/api/v1/accounts/" + id(target) + "/follow"),
                http.get("/api/v1/accounts/relationships?id=" + id(target), profileOnly),
                http.get("/api/v1/follow_requests", profileOnly),
                post(followsOnly, "/api/v1/accounts/" + id(target) + "/block"),
                http.get("/api/v1/blocks", followsOnly),
                post(followsOnly, "/api/v1/accounts/" + id(target) + "/mute"),
                http.get("/api/v1/mutes", followsOnly),
                post(followsOnly, "/api/v1/accounts/" + id(target) + "/note"))) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).isEqualTo(denied);
        }
        assertThat(follows(full, target)).isZero();
        assertThat(f.count("SELECT count(*) FROM blocks WHERE account_id = " + id(full))).isZero();
        assertThat(ok(post(followsOnly, "/api/v1/accounts/" + id(target) + "/follow")).get("following").asBoolean()).isTrue();
        assertThat(ok(post(legacy, "/api/v1/accounts/" + id(target) + "/block")).get("blocking").asBoolean()).isTrue();
        assertThat(post(null, "/api/v1/accounts/" + id(target) + "/follow").status()).isEqualTo(401);
        assertThat(post("app", "/api/v1/accounts/" + id(target) + "/follow").status()).isEqualTo(422);
    }

    /** The {@code rel} link of a Link header, as a path and query on this server. */
    static String link(ApiHarness.Response r, String rel) {
        String header = r.headers().get("link");
        if (header == null) return null;
        Matcher m = Pattern.compile("<https://social\\.example([^>]*)>; rel=\"" + rel + "\"").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    /** Event jobs of {@code type} from {@code from} to {@code to}. */
    static long events(String type, String from, String to) {
        return f.count("SELECT count(*) FROM herd_jobs WHERE type = 'event.dispatch' AND payload LIKE '%\"type\":\"" + type
                + "\"%' AND payload LIKE '%\"account_id\":" + id(from) + ",\"target_id\":" + id(to) + "}%'");
    }

    @Test
    void followsRequestsUnfollowsAndBlocksPublishEventsOnceEach() {
        String alice = user("evalice");
        String bob = user("evbob");
        String carol = user("evcarol");
        lock(carol);
        ok(post(alice, "/api/v1/accounts/" + id(bob) + "/follow"));
        ok(post(alice, "/api/v1/accounts/" + id(bob) + "/follow")); // changes options only
        assertThat(events("account.followed", alice, bob)).isEqualTo(1);
        ok(post(alice, "/api/v1/accounts/" + id(carol) + "/follow"));
        assertThat(events("account.follow_requested", alice, carol)).isEqualTo(1);
        assertThat(events("account.followed", alice, carol)).isZero();
        ok(post(carol, "/api/v1/follow_requests/" + id(alice) + "/authorize"));
        assertThat(events("account.followed", alice, carol)).isEqualTo(1);
        ok(post(alice, "/api/v1/accounts/" + id(bob) + "/unfollow"));
        ok(post(alice, "/api/v1/accounts/" + id(bob) + "/unfollow"));
        assertThat(events("account.unfollowed", alice, bob)).isEqualTo(1);
        ok(post(carol, "/api/v1/accounts/" + id(alice) + "/block"));
        assertThat(events("account.blocked", carol, alice)).isEqualTo(1);
        assertThat(events("account.unfollowed", alice, carol)).isEqualTo(1);
    }
}
