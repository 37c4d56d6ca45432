package social.herd.filters.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.filters.impl.Api.FILTERS;
import static social.herd.filters.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.filters.ContentFilters.Outcome;
import social.herd.api.filters.ContentFilters.Subject;
import social.herd.web.api.Json;

/** {@link ContentFiltersComponent#apply}: keywords, whole words, contexts, expiry, status filters, actions. */
class MatchingTest {

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

    /** The ids of the subjects (id, text) that {@code viewer}'s filters match in {@code context}. */
    static Map<Long, Outcome> apply(long viewer, String context, Object... idsAndTexts) {
        List<Subject> subjects = new java.util.ArrayList<>();
        for (int i = 0; i < idsAndTexts.length; i += 2) subjects.add(new Subject((Long) idsAndTexts[i], (String) idsAndTexts[i + 1]));
        return f.content.apply(viewer, context, subjects);
    }

    @Test
    void wholeWordAgainstSubstringCaseInsensitive() {
        long whole = Fixture.account();
        long sub = Fixture.account();
        api.filter(whole, "cats", "warn", "cat", true, "home");
        api.filter(sub, "cats", "warn", "cat", false, "home");
        Object[] texts = {1L, "A CAT sat.", 2L, "concatenate", 3L, "cat_food", 4L, "dogs only", 5L, "(cat)"};
        assertThat(apply(whole, "home", texts).keySet()).containsExactlyInAnyOrder(1L, 5L);
        assertThat(apply(sub, "home", texts).keySet()).containsExactlyInAnyOrder(1L, 2L, 3L, 5L);
    }

    @Test
    void wordBoundariesAreUnicodeAware() {
        long a = Fixture.account();
        api.filter(a, "umlaut", "warn", "über", true, "home");
        api.filter(a, "hash", "warn", "#Tag", true, "home");
        api.filter(a, "kana", "warn", "ねこ", true, "home");
        Map<Long, Outcome> out = apply(a, "home", 1L, "ÜBER alles", 2L, "überall", 3L, "ein Typ namens Müllerüber",
                4L, "see #tag!", 5L, "see #tagging", 6L, "my#tag", 7L, "ねこ です", 8L, "こねこ");
        assertThat(out.keySet()).containsExactlyInAnyOrder(1L, 4L, 6L, 7L);
        // "my#tag": the keyword starts with a non-word character, so no boundary is needed before it (Mastodon's rule)
    }

    @Test
    void contextsAndExpiryAreHonoured() {
        long a = Fixture.account();
        String id = api.filter(a, "home only", "warn", "football", true, "home", "thread");
        assertThat(apply(a, "home", 1L, "Football tonight")).containsKey(1L);
        assertThat(apply(a, "thread", 1L, "Football tonight")).containsKey(1L);
        assertThat(apply(a, "public", 1L, "Football tonight")).isEmpty();
        assertThat(apply(a, "notifications", 1L, "Football tonight")).isEmpty();

        ok(api.form("PUT", FILTERS + "/" + id, a, "expires_in=600"));
        assertThat(apply(a, "home", 1L, "Football tonight")).containsKey(1L);
        f.clock.advance(Duration.ofMinutes(11));
        // expired while cached: the clock decides at matching time, not the cache
        assertThat(apply(a, "home", 1L, "Football tonight")).isEmpty();
        // an expired filter is still listed (as Mastodon does) but never matches again
        assertThat(ok(api.get(FILTERS, a))).hasSize(1);
        ok(api.form("PUT", FILTERS + "/" + id, a, "expires_in="));
        assertThat(apply(a, "home", 1L, "Football tonight")).containsKey(1L);
    }

    @Test
    void statusFiltersMatchById() {
        long a = Fixture.account();
        String id = api.filter(a, "this post", "warn", null, true, "public");
        ok(api.form("POST", FILTERS + "/" + id + "/statuses", a, "status_id=9001"));
        Map<Long, Outcome> out = apply(a, "public", 9001L, "anything at all", 9002L, "anything at all");
        assertThat(out.keySet()).containsExactly(9001L);
        JsonNode result = Json.mapper().valueToTree(out.get(9001L).results().get(0));
        assertThat(result.get("status_matches").toString()).isEqualTo("[\"9001\"]");
        assertThat(result.get("keyword_matches").isNull()).isTrue();
    }

    @Test
    void hideAndWarnOutcomesAndTheFilterResultShape() {
        long a = Fixture.account();
        String warn = api.filter(a, "Politics", "warn", "election", true, "home");
        api.filter(a, "Spam", "hide", "crypto", false, "home");
        ok(api.form("POST", FILTERS + "/" + warn + "/keywords", a, "keyword=vote"));
        Map<Long, Outcome> out = apply(a, "home", 1L, "Vote in the election", 2L, "cryptocurrency", 3L, "election crypto",
                4L, "nothing");
        assertThat(out.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(out.get(1L).hide()).isFalse();
        assertThat(out.get(2L).hide()).isTrue();
        assertThat(out.get(3L).hide()).isTrue();
        assertThat(out.get(3L).results()).hasSize(2);

        JsonNode result = Json.mapper().valueToTree(out.get(1L).results().get(0));
        assertThat(result.get("keyword_matches").toString()).isEqualTo("[\"election\",\"vote\"]");
        assertThat(result.get("status_matches").isNull()).isTrue();
        JsonNode filter = result.get("filter");
        assertThat(filter.get("id").asText()).isEqualTo(warn);
        assertThat(filter.get("title").asText()).isEqualTo("Politics");
        assertThat(filter.get("context").toString()).isEqualTo("[\"home\"]");
        assertThat(filter.get("filter_action").asText()).isEqualTo("warn");
        assertThat(filter.has("expires_at")).isTrue();
        // as Mastodon serialises a FilterResult: the filter without its rules
        assertThat(filter.has("keywords")).isFalse();
        assertThat(filter.has("statuses")).isFalse();
    }

    @Test
    void blurIsNeitherHiddenNorUnfiltered() {
        long a = Fixture.account();
        api.filter(a, "Gore", "blur", "gore", true, "home");
        Outcome o = apply(a, "home", 1L, "some gore here").get(1L);
        assertThat(o.hide()).isFalse();
        assertThat(Json.mapper().valueToTree(o.results().get(0)).get("filter").get("filter_action").asText()).isEqualTo("blur");
    }
}
