package social.herd.filters.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.filters.impl.Api.FILTERS;
import static social.herd.filters.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.events.EventTypes;
import social.herd.api.filters.ContentFilters.Subject;

/** The per-node cache (no SQL when cached, fresh after a change, across nodes) and FILTERS_CHANGED events. */
class CacheAndEventsTest {

    static Fixture f;
    static Api api;

    @BeforeAll
    static void start() {
        f = new Fixture();
        api = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static List<Subject> subjects(String text) {
        return List.of(new Subject(1L, text));
    }

    @Test
    void accountsWithoutFiltersCostOneLoadThenNoSql() {
        long a = Fixture.account();
        long before = f.cache.loads();
        for (int i = 0; i < 50; i++) assertThat(f.content.apply(a, "home", subjects("anything"))).isEmpty();
        assertThat(f.cache.loads() - before).isEqualTo(1);
        // and an account with filters: one load, then none
        long b = Fixture.account();
        api.filter(b, "x", "warn", "anything", true, "home");
        long loaded = f.cache.loads();
        for (int i = 0; i < 50; i++) assertThat(f.content.apply(b, "home", subjects("anything"))).hasSize(1);
        assertThat(f.cache.loads() - loaded).isEqualTo(1);
        // empty subject lists never touch the cache
        assertThat(f.content.apply(Fixture.account(), "home", List.of())).isEmpty();
        assertThat(f.cache.loads() - loaded).isEqualTo(1);
    }

    @Test
    void aChangeIsSeenAtOnceOnThisNode() {
        long a = Fixture.account();
        String id = api.filter(a, "words", "warn", "first", true, "home");
        assertThat(f.content.apply(a, "home", subjects("the second one"))).isEmpty(); // cached now
        ok(api.form("POST", FILTERS + "/" + id + "/keywords", a, "keyword=second"));
        assertThat(f.content.apply(a, "home", subjects("the second one"))).hasSize(1);
        ok(api.form("PUT", FILTERS + "/" + id, a, "filter_action=hide"));
        assertThat(f.content.apply(a, "home", subjects("the second one")).get(1L).hide()).isTrue();
        ok(api.delete(FILTERS + "/" + id, a));
        assertThat(f.content.apply(a, "home", subjects("the second one"))).isEmpty();
    }

    @Test
    void otherNodesHearOfChangesThroughPubSubOrAfterTheTtl() {
        long a = Fixture.account();
        FilterCache other = f.node(FilterCache.TTL);
        ContentFiltersComponent there = new ContentFiltersComponent(other, f.clock);
        assertThat(there.apply(a, "home", subjects("breaking news"))).isEmpty(); // cached (empty) there
        api.filter(a, "news", "warn", "news", true, "home");
        assertThat(there.apply(a, "home", subjects("breaking news"))).hasSize(1);

        // PubSub away: a short-TTL node catches up by itself
        FilterCache shortLived = f.node(Duration.ofMillis(50));
        ContentFiltersComponent late = new ContentFiltersComponent(shortLived, f.clock);
        assertThat(late.apply(a, "home", subjects("sports"))).isEmpty();
        f.cluster.down = true;
        try {
            api.filter(a, "sports", "warn", "sports", true, "home");
            assertThat(late.apply(a, "home", subjects("sports"))).isEmpty(); // stale within the TTL
            sleep(120);
            assertThat(late.apply(a, "home", subjects("sports"))).hasSize(1);
        } finally {
            f.cluster.down = false;
        }
    }

    @Test
    void everyChangePublishesFiltersChangedInItsTransaction() {
        long a = Fixture.account();
        int before = events(a).size();
        String id = api.filter(a, "evented", "warn", "one", true, "home");                         // 1
        String kid = ok(api.form("POST", FILTERS + "/" + id + "/keywords", a, "keyword=two")).get("id").asText(); // 2
        ok(api.form("PUT", FILTERS + "/keywords/" + kid, a, "keyword=deux"));                     // 3
        ok(api.delete(FILTERS + "/keywords/" + kid, a));                                           // 4
        String sid = ok(api.form("POST", FILTERS + "/" + id + "/statuses", a, "status_id=77")).get("id").asText(); // 5
        ok(api.delete(FILTERS + "/statuses/" + sid, a));                                           // 6
        ok(api.form("PUT", FILTERS + "/" + id, a, "title=renamed"));                              // 7
        ok(api.delete(FILTERS + "/" + id, a));                                                     // 8
        assertThat(events(a).size() - before).isEqualTo(8);

        // refused or read-only requests publish nothing: the event commits with the change or not at all
        api.form("POST", FILTERS, a, "title=&context[]=home");
        api.form("POST", FILTERS + "/" + id + "/keywords", a, "keyword=gone");
        ok(api.get(FILTERS, a));
        assertThat(events(a).size() - before).isEqualTo(8);
        assertThat(events(Fixture.account())).isEmpty();
    }

    /** The FILTERS_CHANGED events for account {@code a} (herd_jobs rows of type event.dispatch). */
    static List<JsonNode> events(long a) {
        return f.events(EventTypes.FILTERS_CHANGED).stream().filter(d -> d.get("account_id").asLong() == a).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
