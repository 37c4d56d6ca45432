package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.spi.moderation.Verdict;
import social.herd.statuses.impl.web.HeldStatusesResource;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/** The moderators' queue: a held post is the author's alone until approved (then announced) or rejected. */
class HeldStatusesTest {

    static Fixture f;
    static Api api;
    static ApiHarness admin;

    @BeforeAll
    static void start() {
        f = new Fixture();
        api = new Api(f);
        admin = new ApiHarness(new HeldStatusesResource(new ModerationQueue(f.db, f.views, f.events, java.time.Clock.systemUTC())));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @AfterEach
    void accept() {
        f.moderation.verdict = Verdict.accept();
    }

    static List<String> ids(ApiHarness.Response r) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        Json.mapper().readTree(r.body()).forEach(s -> out.add(s.get("id").asText()));
        return out;
    }

    long approvedEvents(String id) {
        return f.count("SELECT count(*) FROM herd_jobs WHERE type = 'event.dispatch' AND payload LIKE '%status.approved%'"
                + " AND payload LIKE '%\"status_id\":" + id + ",%'");
    }

    @Test
    void approvingReleasesAHeldPostOnceAndAnnouncesIt() throws Exception {
        long author = f.directory.create("heldauthor");
        long reader = f.directory.create("heldreader");
        long mod = f.directory.create("mod");
        f.moderation.verdict = Verdict.hold("new account posting links");
        String id = api.post(author, "buy now http://spam.example").get("id").asText();
        assertThat(api.get("/api/v1/statuses/" + id, reader).status()).isEqualTo(404);
        assertThat(ids(admin.get("/api/v1/admin/held_statuses", ApiHarness.admin(mod)))).contains(id);

        JsonNode approved = Json.mapper().readTree(
                admin.form("POST", "/api/v1/admin/held_statuses/" + id + "/approve", ApiHarness.admin(mod), "").body());
        assertThat(approved.get("id").asText()).isEqualTo(id);
        assertThat(ok(api.get("/api/v1/statuses/" + id, reader)).get("id").asText()).isEqualTo(id);
        assertThat(approvedEvents(id)).isEqualTo(1);
        assertThat(ids(admin.get("/api/v1/admin/held_statuses", ApiHarness.admin(mod)))).doesNotContain(id);
        // approving again: not held any more
        assertThat(admin.form("POST", "/api/v1/admin/held_statuses/" + id + "/approve", ApiHarness.admin(mod), "").status())
                .isEqualTo(404);
        assertThat(approvedEvents(id)).isEqualTo(1);
    }

    @Test
    void rejectingDeletesAndOnlyStaffMayDoEither() throws Exception {
        long author = f.directory.create("rejected");
        long mod = f.directory.create("mod2");
        f.moderation.verdict = Verdict.hold("held");
        String id = api.post(author, "dubious").get("id").asText();
        for (String path : List.of("/approve", "/reject")) {
            assertThat(admin.form("POST", "/api/v1/admin/held_statuses/" + id + path, ApiHarness.token(author), "").status())
                    .as("a user, even the author").isEqualTo(403);
        }
        assertThat(admin.get("/api/v1/admin/held_statuses", ApiHarness.token(mod)).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/admin/held_statuses", null).status()).isEqualTo(401);
        assertThat(admin.form("POST", "/api/v1/admin/held_statuses/" + id + "/reject", ApiHarness.admin(mod), "").status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/statuses/" + id, author).status()).as("gone for the author too").isEqualTo(404);
        assertThat(admin.form("POST", "/api/v1/admin/held_statuses/" + id + "/approve", ApiHarness.admin(mod), "").status())
                .isEqualTo(404);
        assertThat(approvedEvents(id)).isZero();
    }

    @Test
    void aRemotePostAFilterHeldWaitsInTheSameQueue() throws Exception {
        long remote = f.directory.createRemote("far", "remote.example");
        long reader = f.directory.create("heldremotereader");
        long mod = f.directory.create("mod3");
        social.herd.api.federation.FederatedStatuses.RemoteNote n = FederatedPostsTest.note(FederatedPostsTest.uri(), remote,
                "<p>held from afar</p>", "public", null, List.of());
        long id = f.federated.create(new social.herd.api.federation.FederatedStatuses.RemoteNote(n.uri(), n.url(),
                n.accountId(), n.contentHtml(), n.spoilerText(), n.sensitive(), n.visibility(), n.inReplyToId(), n.language(),
                n.published(), n.edited(), n.mentions(), n.tags(), n.media(), n.poll(), n.emojis(), true));
        assertThat(api.get("/api/v1/statuses/" + id, reader).status()).isEqualTo(404);
        assertThat(ids(admin.get("/api/v1/admin/held_statuses", ApiHarness.admin(mod)))).contains(Long.toString(id));
        assertThat(admin.form("POST", "/api/v1/admin/held_statuses/" + id + "/approve", ApiHarness.admin(mod), "").status())
                .isEqualTo(200);
        assertThat(ok(api.get("/api/v1/statuses/" + id, reader)).get("content").asText()).contains("held from afar");
    }
}
