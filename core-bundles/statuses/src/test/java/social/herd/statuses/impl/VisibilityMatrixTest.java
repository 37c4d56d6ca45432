package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.web.testing.ApiHarness;

/**
 * Who sees what: (public, unlisted, private, direct) x (author, follower, mentioned, stranger,
 * blocked, logged out) over GET status, context and the home and public timelines. Each post
 * mentions the "mentioned" account and replies to a public root, so it also shows in the root's context.
 */
class VisibilityMatrixTest {

    static Fixture f;
    static Api api;
    static long author;
    static long follower;
    static long mentioned;
    static long stranger;
    static long blocked;
    static String root;
    /** Post id by visibility. */
    static final Map<String, String> posts = new LinkedHashMap<>();
    /** Viewer name to account (null: logged out). */
    static final Map<String, Long> viewers = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        f = new Fixture();
        api = new Api(f);
        author = f.directory.create("author");
        follower = f.directory.create("follower");
        mentioned = f.directory.create("mentioned");
        stranger = f.directory.create("stranger");
        blocked = f.directory.create("blocked");
        f.graph.follow(follower, author);
        f.graph.block(author, blocked);
        viewers.put("author", author);
        viewers.put("follower", follower);
        viewers.put("mentioned", mentioned);
        viewers.put("stranger", stranger);
        viewers.put("blocked", blocked);
        viewers.put("logged out", null);
        root = api.post(author, "root").get("id").asText();
        for (String v : List.of("public", "unlisted", "private", "direct")) {
            posts.put(v, api.post(author, v + " for @" + f.directory.username(mentioned),
                    "&visibility=" + v + "&in_reply_to_id=" + root).get("id").asText());
        }
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** The expected matrix: visibilities each viewer may see. */
    static List<String> expected(String viewer) {
        return switch (viewer) {
            case "author", "mentioned" -> List.of("public", "unlisted", "private", "direct");
            case "follower" -> List.of("public", "unlisted", "private");
            case "stranger", "logged out" -> List.of("public", "unlisted");
            case "blocked" -> List.of();
            default -> throw new AssertionError(viewer);
        };
    }

    @Test
    void getStatusFollowsTheMatrixAndAnswers404OtherwiseNever403() {
        for (Map.Entry<String, Long> v : viewers.entrySet()) {
            List<String> seen = new ArrayList<>();
            for (Map.Entry<String, String> p : posts.entrySet()) {
                ApiHarness.Response r = api.get("/api/v1/statuses/" + p.getValue(), v.getValue());
                if (r.status() == 200) {
                    seen.add(p.getKey());
                    assertThat(ok(r).get("visibility").asText()).isEqualTo(p.getKey());
                } else {
                    assertThat(r.status()).as(v.getKey() + " on " + p.getKey()).isEqualTo(404);
                    assertThat(Api.json(r).get("error").asText()).isEqualTo("Record not found");
                }
            }
            assertThat(seen).as(v.getKey()).isEqualTo(expected(v.getKey()));
        }
    }

    @Test
    void contextShowsOnlyVisibleDescendantsAndAncestors() {
        for (Map.Entry<String, Long> v : viewers.entrySet()) {
            ApiHarness.Response r = api.get("/api/v1/statuses/" + root + "/context", v.getValue());
            if (v.getKey().equals("blocked")) {
                assertThat(r.status()).isEqualTo(404);
                continue;
            }
            JsonNode c = ok(r);
            assertThat(c.get("ancestors")).isEmpty();
            List<String> want = expected(v.getKey()).stream().map(posts::get).toList();
            assertThat(ids(c.get("descendants"))).as(v.getKey()).isEqualTo(want);
            for (String vis : expected(v.getKey())) {
                JsonNode up = ok(api.get("/api/v1/statuses/" + posts.get(vis) + "/context", v.getValue()));
                assertThat(ids(up.get("ancestors"))).containsExactly(root);
            }
            for (String vis : posts.keySet()) {
                if (!expected(v.getKey()).contains(vis)) {
                    assertThat(api.get("/api/v1/statuses/" + posts.get(vis) + "/context", v.getValue()).status())
                            .as(v.getKey() + " context of " + vis).isEqualTo(404);
                }
            }
        }
    }

    @Test
    void homeTimelineHasOwnAndFollowedPostsTheViewerMaySee() {
        List<String> all = new ArrayList<>(posts.values());
        java.util.Collections.reverse(all);
        all.add(root);
        assertThat(ids(ok(api.get("/api/v1/timelines/home", author)))).isEqualTo(all);
        assertThat(ids(ok(api.get("/api/v1/timelines/home", follower))))
                .containsExactly(posts.get("private"), posts.get("unlisted"), posts.get("public"), root);
        // mentioned but not following: mentions are not home timeline entries here
        assertThat(ok(api.get("/api/v1/timelines/home", mentioned))).isEmpty();
        assertThat(ok(api.get("/api/v1/timelines/home", stranger))).isEmpty();
        assertThat(ok(api.get("/api/v1/timelines/home", blocked))).isEmpty();
        assertThat(api.get("/api/v1/timelines/home", null).status()).isEqualTo(401);
    }

    @Test
    void publicTimelinesHaveOnlyPublicPostsAndNothingForTheBlocked() {
        for (Map.Entry<String, Long> v : viewers.entrySet()) {
            List<String> got = ids(ok(api.get("/api/v1/timelines/public", v.getValue())));
            if (v.getKey().equals("blocked")) assertThat(got).isEmpty();
            else assertThat(got).as(v.getKey()).containsExactly(posts.get("public"), root);
        }
        assertThat(ids(ok(api.get("/api/v1/timelines/public?local=true", null)))).containsExactly(posts.get("public"), root);
        assertThat(ok(api.get("/api/v1/timelines/public?remote=true", null))).isEmpty();
        assertThat(ok(api.get("/api/v1/timelines/public?only_media=true", null))).isEmpty();
    }

    @Test
    void aSuspendedAuthorsPostsVanishForEveryone() {
        long gone = f.directory.create("gone");
        String id = api.post(gone, "soon gone").get("id").asText();
        assertThat(api.get("/api/v1/statuses/" + id, null).status()).isEqualTo(200);
        f.directory.suspend(gone);
        assertThat(api.get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/statuses/" + id, gone).status()).isEqualTo(404);
        assertThat(ids(ok(api.get("/api/v1/timelines/public", null)))).doesNotContain(id);
    }
}
