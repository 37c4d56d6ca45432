package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.enc;
import static social.herd.statuses.impl.Api.error;
import static social.herd.statuses.impl.Api.ids;
import static social.herd.statuses.impl.Api.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.db.Tx;
import social.herd.api.jobs.Job;
import social.herd.api.media.MediaAttachments;
import social.herd.spi.moderation.Verdict;
import social.herd.statuses.impl.scheduled.PublishScheduledJob;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/** Scheduled statuses: limits, the API, and the delayed job that posts them once. */
class ScheduledStatusesTest {

    static Fixture f;
    static Api api;
    static FakeMedia media = new FakeMedia();

    @BeforeAll
    static void start() {
        f = new Fixture();
        f.views.setMedia(media);
        api = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static String at(Duration fromNow) {
        return Json.timestamp(Instant.now().plus(fromNow));
    }

    static ApiHarness.Response schedule(long author, String text, Duration fromNow, String extra) {
        return api.postForm(author, "status=" + enc(text) + "&scheduled_at=" + enc(at(fromNow)) + extra);
    }

    /** The publishing job as it runs at {@code when}. */
    static PublishScheduledJob jobAt(Instant when) {
        return new PublishScheduledJob(f.db, f.posting, f.views, Clock.fixed(when, ZoneOffset.UTC));
    }

    @Test
    void aScheduledStatusIsAnsweredListedMovedAndDeleted() {
        long author = f.directory.create("sched");
        long other = f.directory.create("schedother");
        JsonNode s = ok(schedule(author, "later", Duration.ofHours(1), "&visibility=unlisted&spoiler_text=cw"));
        String id = s.get("id").asText();
        assertThat(s.get("params").get("text").asText()).isEqualTo("later");
        assertThat(s.get("params").get("visibility").asText()).isEqualTo("unlisted");
        assertThat(s.get("params").get("spoiler_text").asText()).isEqualTo("cw");
        assertThat(s.has("content")).isFalse();
        assertThat(Instant.parse(s.get("scheduled_at").asText())).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        // it is not a status yet
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + author)).isZero();
        assertThat(f.count("SELECT count(*) FROM herd_jobs WHERE type = 'status.publish_scheduled' AND payload LIKE '%" + id + "%'"))
                .isEqualTo(1);

        assertThat(error(schedule(author, "too soon", Duration.ofMinutes(4), ""), 422)).contains("Scheduled at");
        assertThat(error(schedule(author, "", Duration.ofHours(1), ""), 422)).contains("Text can't be blank");

        String second = ok(schedule(author, "even later", Duration.ofHours(2), "")).get("id").asText();
        assertThat(ids(ok(api.get("/api/v1/scheduled_statuses", author)))).containsExactly(second, id);
        assertThat(ids(ok(api.get("/api/v1/scheduled_statuses?limit=1", author)))).containsExactly(second);
        assertThat(ok(api.get("/api/v1/scheduled_statuses/" + id, author)).get("params").get("text").asText()).isEqualTo("later");
        assertThat(api.get("/api/v1/scheduled_statuses/" + id, other).status()).isEqualTo(404);
        assertThat(ok(api.get("/api/v1/scheduled_statuses", other))).isEmpty();

        String moved = at(Duration.ofHours(3));
        JsonNode put = ok(api.http.form("PUT", "/api/v1/scheduled_statuses/" + id, Http.token(author), "scheduled_at=" + enc(moved)));
        assertThat(put.get("scheduled_at").asText()).isEqualTo(moved);
        assertThat(error(api.http.form("PUT", "/api/v1/scheduled_statuses/" + id, Http.token(author),
                "scheduled_at=" + enc(at(Duration.ofMinutes(1)))), 422)).contains("Scheduled at");

        ok(api.http.send("DELETE", "/api/v1/scheduled_statuses/" + second, Http.token(author), null, null));
        assertThat(api.get("/api/v1/scheduled_statuses/" + second, author).status()).isEqualTo(404);
        assertThat(api.http.send("DELETE", "/api/v1/scheduled_statuses/" + id, Http.token(other), null, null).status())
                .isEqualTo(404);
    }

    @Test
    void theJobPostsItOnceWhenDueAndNotBefore() throws Exception {
        long author = f.directory.create("due");
        String mediaId = media.upload(author);
        JsonNode s = ok(schedule(author, "it is time", Duration.ofMinutes(10), "&media_ids[]=" + mediaId));
        long id = s.get("id").asLong();
        // the media wait with the schedule, not unattached (the media bundle's cleanup skips them)
        assertThat(media.attachedTo(mediaId)).isEqualTo(id);
        assertThat(s.get("media_attachments").get(0).get("id").asText()).isEqualTo(mediaId);

        assertThat(jobAt(Instant.now()).publish(id)).isNull();
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + author)).isZero();

        Instant later = Instant.now().plus(Duration.ofMinutes(11));
        String payload = Json.write(Map.of("scheduled_status_id", Long.toString(id)));
        jobAt(later).handle(new Job(1, "default", "status.publish_scheduled", payload, 1, Instant.now()));
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + author)).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM scheduled_statuses WHERE id = " + id)).isZero();
        long status = f.count("SELECT id FROM statuses WHERE account_id = " + author);
        assertThat(media.attachedTo(mediaId)).isEqualTo(status);
        JsonNode posted = ok(api.get("/api/v1/statuses/" + status, author));
        assertThat(posted.get("content").asText()).contains("it is time");
        assertThat(posted.get("media_attachments").get(0).get("id").asText()).isEqualTo(mediaId);
        // at least once: a second run finds nothing to do
        jobAt(later).handle(new Job(1, "default", "status.publish_scheduled", payload, 2, Instant.now()));
        assertThat(f.count("SELECT count(*) FROM statuses WHERE account_id = " + author)).isEqualTo(1);
    }

    @Test
    void aMovedScheduleIsPostedAtItsNewTimeOnlyAndARefusedOneIsDropped() {
        long author = f.directory.create("moved");
        long id = ok(schedule(author, "moved", Duration.ofMinutes(10), "")).get("id").asLong();
        ok(api.http.form("PUT", "/api/v1/scheduled_statuses/" + id, Http.token(author),
                "scheduled_at=" + enc(at(Duration.ofHours(5)))));
        assertThat(f.count("SELECT count(*) FROM herd_jobs WHERE type = 'status.publish_scheduled' AND payload LIKE '%" + id + "%'"))
                .isEqualTo(2);
        // the job of the old time comes and goes
        assertThat(jobAt(Instant.now().plus(Duration.ofMinutes(11))).publish(id)).isNull();
        assertThat(f.count("SELECT count(*) FROM scheduled_statuses WHERE id = " + id)).isEqualTo(1);
        assertThat(jobAt(Instant.now().plus(Duration.ofHours(6))).publish(id)).isNotNull();

        long refused = ok(schedule(author, "spam", Duration.ofMinutes(10), "")).get("id").asLong();
        f.moderation.verdict = Verdict.reject("no spam");
        try {
            assertThat(jobAt(Instant.now().plus(Duration.ofHours(1))).publish(refused)).isNull();
        } finally {
            f.moderation.verdict = Verdict.accept();
        }
        assertThat(f.count("SELECT count(*) FROM scheduled_statuses WHERE id = " + refused)).isZero();
    }

    @Test
    void atMost25ADayAnd300InAll() {
        long author = f.directory.create("busy");
        Instant day = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(9));
        for (int i = 0; i < 25; i++) {
            ok(api.postForm(author, "status=n" + i + "&scheduled_at=" + enc(Json.timestamp(day.plusSeconds(i * 60L)))));
        }
        assertThat(error(api.postForm(author, "status=26th&scheduled_at=" + enc(Json.timestamp(day.plusSeconds(3600)))), 422))
                .contains("for that day");
        ok(api.postForm(author, "status=next day&scheduled_at=" + enc(Json.timestamp(day.plus(Duration.ofDays(1))))));
        // 300 in all: fill up with rows spread over many days
        f.exec("INSERT INTO scheduled_statuses (id, account_id, scheduled_at, params, created_at) SELECT 900000 + n, " + author
                + ", now() + n * interval '1 day' + interval '30 days', '{\"text\":\"x\"}', now() FROM generate_series(1, 274) n");
        assertThat(error(api.postForm(author, "status=301st&scheduled_at=" + enc(at(Duration.ofDays(2)))), 422))
                .contains("300");
    }

    /** Media attachments in a map: which status (or schedule) each one is attached to. */
    static final class FakeMedia implements MediaAttachments {
        final Map<Long, Long> attached = new ConcurrentHashMap<>();
        final Map<Long, Long> owners = new ConcurrentHashMap<>();
        private long next = 5000;

        synchronized String upload(long account) {
            long id = ++next;
            owners.put(id, account);
            return Long.toString(id);
        }

        Long attachedTo(String mediaId) {
            return attached.get(Long.parseLong(mediaId));
        }

        @Override
        public void attach(Tx tx, long accountId, long statusId, List<Long> mediaIds) {
            for (Long id : mediaIds) {
                if (!owners.containsKey(id) || owners.get(id) != accountId) throw new IllegalArgumentException("unknown media " + id);
                Long at = attached.get(id);
                if (at != null && at != statusId) throw new IllegalArgumentException("already attached");
                tx.afterCommit(() -> attached.put(id, statusId));
            }
        }

        @Override
        public void detach(Tx tx, long statusId, boolean delete) {
            List<Long> ids = new ArrayList<>();
            attached.forEach((m, s) -> { if (s == statusId) ids.add(m); });
            // takes effect at once for the rest of the transaction (an attach may follow), as the real one does
            ids.forEach(attached::remove);
        }

        @Override
        public Map<Long, List<Object>> forStatuses(Collection<Long> statusIds) {
            Map<Long, List<Object>> out = new LinkedHashMap<>();
            attached.forEach((m, s) -> {
                if (statusIds.contains(s)) out.computeIfAbsent(s, k -> new ArrayList<>()).add(Map.of("id", m.toString(), "type", "image"));
            });
            return out;
        }
    }
}
