package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.link;
import static social.herd.statuses.impl.Api.ok;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.web.testing.ApiHarness;

/** Timeline paging (max_id, since_id, min_id, limit, Link headers), mutes and the hashtag timeline. */
class TimelinesTest {

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

    @Test
    void limitedAccountsReachOnlyTheirFollowersInPublicAndTagTimelines() {
        long loud = f.directory.create("loud");
        long fan = f.directory.create("fan");
        long stranger = f.directory.create("stranger");
        f.graph.follow(fan, loud);
        String id = api.post(loud, "shouting into the void #limitedtag").get("id").asText();
        f.directory.limited.add(loud);
        try {
            for (String path : List.of("/api/v1/timelines/public?local=true", "/api/v1/timelines/tag/limitedtag")) {
                assertThat(ids(ok(api.get(path, stranger)))).as(path + " for a stranger").doesNotContain(id);
                assertThat(ids(ok(api.get(path, null)))).as(path + " signed out").doesNotContain(id);
                assertThat(ids(ok(api.get(path, fan)))).as(path + " for a follower").contains(id);
                assertThat(ids(ok(api.get(path, loud)))).as(path + " for the author").contains(id);
            }
            assertThat(api.get("/api/v1/statuses/" + id, stranger).status()).as("the post itself stays reachable").isEqualTo(200);
        } finally {
            f.directory.limited.remove(loud);
        }
        assertThat(ids(ok(api.get("/api/v1/timelines/public?local=true", stranger)))).contains(id);
    }

    @Test
    void homePagesWithLinksAndSkipsMutedAndUnfollowed() {
        long me = f.directory.create("me");
        long friend = f.directory.create("friend");
        long muted = f.directory.create("muted");
        long other = f.directory.create("other");
        f.graph.follow(me, friend);
        f.graph.follow(me, muted);
        f.graph.mute(me, muted);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(api.post(i % 2 == 0 ? friend : me, "post " + i).get("id").asText());
            api.post(muted, "muted " + i);
            api.post(other, "other " + i);
        }
        List<String> newest = new ArrayList<>(mine);
        java.util.Collections.reverse(newest);
        assertThat(ids(ok(api.get("/api/v1/timelines/home", me)))).isEqualTo(newest);

        ApiHarness.Response p1 = api.get("/api/v1/timelines/home?limit=2", me);
        assertThat(ids(ok(p1))).isEqualTo(newest.subList(0, 2));
        assertThat(link(p1, "next")).isEqualTo("/api/v1/timelines/home?limit=2&max_id=" + newest.get(1));
        assertThat(link(p1, "prev")).isEqualTo("/api/v1/timelines/home?limit=2&min_id=" + newest.get(0));
        ApiHarness.Response p2 = api.get(link(p1, "next"), me);
        assertThat(ids(ok(p2))).isEqualTo(newest.subList(2, 4));
        ApiHarness.Response p3 = api.get(link(p2, "next"), me);
        assertThat(ids(ok(p3))).isEqualTo(newest.subList(4, 5));
        assertThat(link(p3, "next")).isNull();
        // min_id: the page right above, newest first
        assertThat(ids(ok(api.get(link(p3, "prev"), me)))).isEqualTo(newest.subList(2, 4));
        assertThat(ids(ok(api.get("/api/v1/timelines/home?since_id=" + newest.get(2), me)))).isEqualTo(newest.subList(0, 2));
        assertThat(ids(ok(api.get("/api/v1/timelines/home?limit=1000", me)))).hasSize(5);
        assertThat(api.get("/api/v1/timelines/home?max_id=x", me).status()).isEqualTo(400);
        assertThat(api.http.get("/api/v1/timelines/home", "scoped:1:" + me + ":read:accounts").status()).isEqualTo(403);
    }

    @Test
    void pagesAreFilledPastInvisibleCandidates() {
        long poster = f.directory.create("poster");
        long blocker = f.directory.create("blocker");
        String visible = api.post(poster, "visible #fill").get("id").asText();
        for (int i = 0; i < 6; i++) api.post(blocker, "hidden #fill " + i);
        long viewer = f.directory.create("viewer");
        f.graph.block(blocker, viewer);
        // the newest six candidates are invisible to the viewer; a page of 2 still finds the visible one
        assertThat(ids(ok(api.get("/api/v1/timelines/tag/fill?limit=2", viewer)))).containsExactly(visible);
        assertThat(ids(ok(api.get("/api/v1/timelines/tag/fill?limit=2", null)))).hasSize(2);
    }

    @Test
    void tagTimelineHasPublicPostsWithTheTag() {
        long a = f.directory.create("tagger");
        String one = api.post(a, "#Herd rocks").get("id").asText();
        String two = api.post(a, "more #herd").get("id").asText();
        api.post(a, "quiet #herd", "&visibility=unlisted");
        api.post(a, "other #flock");
        assertThat(ids(ok(api.get("/api/v1/timelines/tag/HERD", null)))).containsExactly(two, one);
        assertThat(ids(ok(api.get("/api/v1/timelines/tag/herd?limit=1", null)))).containsExactly(two);
        assertThat(ok(api.get("/api/v1/timelines/tag/nothing", null))).isEmpty();
        assertThat(ok(api.get("/api/v1/timelines/tag/herd", null)).get(0).get("tags").get(0).get("name").asText())
                .isEqualTo("herd");
    }

    @Test
    void tagTimelineTakesAnyAllAndNone() {
        long a = f.directory.create("multitag");
        String cats = api.post(a, "#cats only").get("id").asText();
        String dogs = api.post(a, "#dogs only").get("id").asText();
        String both = api.post(a, "#cats and #dogs").get("id").asText();
        String catsBirds = api.post(a, "#cats and #birds").get("id").asText();
        String all3 = api.post(a, "#cats #dogs #birds").get("id").asText();
        api.post(a, "#birds only");
        String base = "/api/v1/timelines/tag/cats";
        assertThat(ids(ok(api.get(base, null)))).containsExactly(all3, catsBirds, both, cats);
        assertThat(ids(ok(api.get(base + "?any[]=dogs", null)))).containsExactly(all3, catsBirds, both, dogs, cats);
        assertThat(ids(ok(api.get(base + "?all[]=dogs", null)))).containsExactly(all3, both);
        assertThat(ids(ok(api.get(base + "?all[]=dogs&all[]=birds", null)))).containsExactly(all3);
        assertThat(ids(ok(api.get(base + "?none[]=birds", null)))).containsExactly(both, cats);
        assertThat(ids(ok(api.get(base + "?any[]=dogs&none[]=birds&none[]=CATS", null)))).containsExactly(dogs);
        assertThat(ids(ok(api.get(base + "?any[]=dogs&all[]=dogs&limit=1", null)))).containsExactly(all3);
        ApiHarness.Response page = api.get(base + "?any[]=dogs&limit=2", null);
        assertThat(link(page, "next")).isEqualTo(base + "?any[]=dogs&limit=2&max_id=" + catsBirds);
        assertThat(ids(ok(api.get(link(page, "next"), null)))).containsExactly(both, dogs);
    }

    @Test
    void homeLeavesOutReblogsOfFollowsWithReblogsHidden() {
        long me = f.directory.create("hider");
        long booster = f.directory.create("booster");
        long author = f.directory.create("boosted");
        f.graph.follow(me, booster);
        String own = api.post(booster, "own words").get("id").asText();
        String original = api.post(author, "worth a boost").get("id").asText();
        String reblog = ok(api.action(booster, original, "reblog")).get("id").asText();
        assertThat(ids(ok(api.get("/api/v1/timelines/home", me)))).containsExactly(reblog, own);
        f.graph.noReblogs.add(List.of(me, booster));
        assertThat(ids(ok(api.get("/api/v1/timelines/home", me)))).containsExactly(own);
    }
}
