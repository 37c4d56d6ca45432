package social.herd.timelines.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.timelines.impl.Api.error;
import static social.herd.timelines.impl.Api.ids;
import static social.herd.timelines.impl.Api.link;
import static social.herd.timelines.impl.Api.ok;
import static social.herd.timelines.impl.Publishers.created;
import static social.herd.timelines.impl.Publishers.pair;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.web.testing.ApiHarness;
import social.herd.api.events.EventTypes;
import social.herd.api.statuses.StatusFacts;

/** {@code /api/v1/notifications}: the entity, filters, paging, dismissing and the unread count. */
class NotificationsApiTest {

    static Fixture f;
    static Api http;

    @BeforeAll
    static void start() {
        f = new Fixture();
        http = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** The ids of the viewer's notifications, newest first. */
    List<String> list(long viewer, String query) {
        return ids(ok(http.get("/api/v1/notifications" + query, viewer)));
    }

    String latestId(long viewer) {
        return list(viewer, "?limit=1").get(0);
    }

    @Test
    void theEntityCarriesAccountAndStatusAsMastodonShowsThem() {
        long me = f.directory.create("me");
        long fan = f.directory.create("fan");
        StatusFacts s = f.statuses.post(fan, me);
        f.deliver(created(s));
        f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, fan, me));
        JsonNode page = ok(http.get("/api/v1/notifications", me));
        assertThat(page).hasSize(2);
        JsonNode follow = page.get(0);
        assertThat(follow.get("type").asText()).isEqualTo("follow");
        assertThat(follow.get("account").get("id").asText()).isEqualTo(Long.toString(fan));
        assertThat(follow.has("status")).isFalse();
        assertThat(follow.get("group_key").asText()).isEqualTo("ungrouped-" + follow.get("id").asText());
        assertThat(follow.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode mention = page.get(1);
        assertThat(mention.get("type").asText()).isEqualTo("mention");
        assertThat(mention.get("status").get("id").asText()).isEqualTo(Long.toString(s.id()));
        // one by id; someone else's is not found
        assertThat(ok(http.get("/api/v1/notifications/" + mention.get("id").asText(), me)).get("type").asText())
                .isEqualTo("mention");
        assertThat(error(http.get("/api/v1/notifications/" + mention.get("id").asText(), fan), 404))
                .isEqualTo("Record not found");
        assertThat(error(http.get("/api/v1/notifications/12345", me), 404)).isEqualTo("Record not found");
    }

    @Test
    void filtersByTypesExcludedTypesAndAccount() {
        long me = f.directory.create("filterme");
        long a = f.directory.create("a");
        long b = f.directory.create("b");
        StatusFacts mine = f.statuses.post(me);
        f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, a, me));
        f.deliver(Publishers.favourited(a, mine));
        f.deliver(created(f.statuses.post(b, me)));
        f.deliver(Publishers.favourited(b, mine));
        assertThat(list(me, "")).hasSize(4);
        assertThat(list(me, "?types[]=favourite")).hasSize(2);
        assertThat(list(me, "?types[]=favourite&types[]=follow")).hasSize(3);
        assertThat(list(me, "?exclude_types[]=favourite&exclude_types[]=mention")).hasSize(1);
        assertThat(list(me, "?account_id=" + a)).hasSize(2);
        assertThat(list(me, "?account_id=" + b + "&types[]=mention")).hasSize(1);
        // a type Herd never creates matches nothing; an unknown one too
        assertThat(list(me, "?types[]=severed_relationships")).isEmpty();
        assertThat(list(me, "?types[]=nonsense")).isEmpty();
        assertThat(error(http.get("/api/v1/notifications?account_id=abc", me), 422))
                .isEqualTo("Validation failed: account_id is invalid");
        assertThat(error(http.get("/api/v1/notifications?max_id=abc", me), 400)).contains("max_id");
    }

    @Test
    void pagesWithLinkHeadersAndCapsTheLimit() {
        long me = f.directory.create("paged");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long follower = f.directory.create("follower");
            f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, follower, me));
        }
        expected.addAll(list(me, ""));
        assertThat(expected).hasSize(7);
        ApiHarness.Response first = http.get("/api/v1/notifications?limit=3&types[]=follow", me);
        assertThat(ids(ok(first))).isEqualTo(expected.subList(0, 3));
        String next = link(first, "next");
        assertThat(next).isEqualTo("/api/v1/notifications?limit=3&types[]=follow&max_id=" + expected.get(2));
        assertThat(link(first, "prev")).isEqualTo("/api/v1/notifications?limit=3&types[]=follow&min_id=" + expected.get(0));
        ApiHarness.Response second = http.get(next, me);
        assertThat(ids(ok(second))).isEqualTo(expected.subList(3, 6));
        ApiHarness.Response third = http.get(link(second, "next"), me);
        assertThat(ids(ok(third))).isEqualTo(expected.subList(6, 7));
        assertThat(link(third, "next")).isNull();
        // back from the oldest: the page right after it, newest first
        assertThat(ids(ok(http.get("/api/v1/notifications?limit=2&min_id=" + expected.get(6), me))))
                .isEqualTo(expected.subList(4, 6));
        assertThat(list(me, "?since_id=" + expected.get(2))).isEqualTo(expected.subList(0, 2));
        assertThat(list(me, "?limit=500")).hasSize(7);
        assertThat(list(me, "?limit=0")).hasSize(1);
    }

    @Test
    void hiddenAccountsInvisibleAndFilteredStatusesAreLeftOutWhenReading() {
        long me = f.directory.create("reader");
        long rude = f.directory.create("rude");
        long gone = f.directory.create("gone");
        long friend = f.directory.create("friend");
        f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, rude, me));
        f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, gone, me));
        StatusFacts spoiler = f.statuses.post(friend, me);
        StatusFacts secret = f.statuses.post(friend, me);
        StatusFacts fine = f.statuses.post(friend, me);
        for (StatusFacts s : List.of(spoiler, secret, fine)) f.deliver(created(s));
        assertThat(list(me, "")).hasSize(5);
        f.graph.mute(me, rude);
        f.directory.suspend(gone);
        f.statuses.filtered.add(List.of(me, spoiler.id()));
        f.statuses.hidden.add(List.of(me, secret.id()));
        JsonNode page = ok(http.get("/api/v1/notifications", me));
        assertThat(page).hasSize(1);
        assertThat(page.get(0).get("status").get("id").asText()).isEqualTo(Long.toString(fine.id()));
        // a short page over-reads: limit=1 still finds the one left
        assertThat(list(me, "?limit=1")).hasSize(1);
        // the count is the database's: hidden accounts are left out, statuses are not rendered for it
        assertThat(ok(http.get("/api/v1/notifications/unread_count", me)).get("count").asInt()).isEqualTo(4);
    }

    @Test
    void dismissAndClear() {
        long me = f.directory.create("tidy");
        for (int i = 0; i < 3; i++) f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, f.directory.create("x"), me));
        List<String> all = list(me, "");
        assertThat(ok(http.post("/api/v1/notifications/" + all.get(1) + "/dismiss", me))).isEmpty();
        assertThat(list(me, "")).containsExactly(all.get(0), all.get(2));
        assertThat(error(http.post("/api/v1/notifications/" + all.get(1) + "/dismiss", me), 404)).isEqualTo("Record not found");
        assertThat(error(http.get("/api/v1/notifications/" + all.get(1), me), 404)).isEqualTo("Record not found");
        long other = f.directory.create("other");
        assertThat(error(http.post("/api/v1/notifications/" + all.get(0) + "/dismiss", other), 404)).isEqualTo("Record not found");
        assertThat(ok(http.post("/api/v1/notifications/clear", me))).isEmpty();
        assertThat(list(me, "")).isEmpty();
        // a redelivered event does not bring a dismissed notification back
        f.exec("UPDATE notifications SET dismissed_at = now() WHERE account_id = " + me);
        long again = f.count("SELECT from_account_id FROM notifications WHERE account_id = " + me + " ORDER BY id LIMIT 1");
        f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, again, me));
        assertThat(list(me, "")).isEmpty();
        // dismissed rows are purged once no redelivery can come any more
        String dismissed = "SELECT count(*) FROM notifications WHERE account_id = " + me;
        new NotificationPurgeTask(f.db, Clock.systemUTC()).run();
        assertThat(f.count(dismissed)).isEqualTo(3);
        new NotificationPurgeTask(f.db, Clock.offset(Clock.systemUTC(), Duration.ofDays(8))).run();
        assertThat(f.count(dismissed)).isZero();
    }

    @Test
    void unreadCountStartsAfterTheNotificationsMarker() {
        long me = f.directory.create("counter");
        for (int i = 0; i < 4; i++) f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, f.directory.create("y"), me));
        StatusFacts s = f.statuses.post(f.directory.create("talker"), me);
        f.deliver(created(s));
        assertThat(count(me, "")).isEqualTo(5);
        assertThat(count(me, "?limit=2")).isEqualTo(2);
        assertThat(count(me, "?types[]=mention")).isEqualTo(1);
        assertThat(count(me, "?exclude_types[]=mention")).isEqualTo(4);
        List<String> all = list(me, "");
        ok(http.form("POST", "/api/v1/markers", ApiHarness.token(me), "notifications[last_read_id]=" + all.get(2)));
        assertThat(count(me, "")).isEqualTo(2);
        ok(http.form("POST", "/api/v1/markers", ApiHarness.token(me), "notifications[last_read_id]=" + all.get(0)));
        assertThat(count(me, "")).isZero();
        // the home marker is another timeline
        ok(http.form("POST", "/api/v1/markers", ApiHarness.token(me), "home[last_read_id]=1"));
        assertThat(count(me, "")).isZero();
    }

    int count(long viewer, String query) {
        return ok(http.get("/api/v1/notifications/unread_count" + query, viewer)).get("count").asInt();
    }

    @Test
    void scopesAndTokens() {
        long me = f.directory.create("scoped");
        assertThat(error(http.send("GET", "/api/v1/notifications", null), 401))
                .isEqualTo("The access token is invalid");
        assertThat(error(http.send("GET", "/api/v1/notifications", Api.scoped(me, "read:statuses")), 403))
                .isEqualTo("This action is outside the authorized scopes");
        ok(http.send("GET", "/api/v1/notifications", Api.scoped(me, "read:notifications")));
        assertThat(error(http.send("POST", "/api/v1/notifications/clear", Api.scoped(me, "read:notifications")), 403)).isEqualTo("This action is outside the authorized scopes");
        ok(http.send("POST", "/api/v1/notifications/clear", Api.scoped(me, "write:notifications")));
    }
}
