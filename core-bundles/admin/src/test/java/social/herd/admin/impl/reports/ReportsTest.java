package social.herd.admin.impl.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.instance.ServerRules;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.events.EventBus;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.platform.impl.migrate.MigrationFiles;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.spi.rules.Rule;
import social.herd.testing.TestPostgres;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/**
 * POST /api/v1/reports on real PostgreSQL: validation as Mastodon answers it, the stored report
 * and its report.created event. Accounts, statuses and rules are other bundles': small doubles.
 */
class ReportsTest {

    static PooledDataSource ds;
    static ApiHarness api;
    static final long REPORTER = 11, TARGET = 12, OTHER = 13, REMOTE = 14;
    static ReportService service;
    static final long PUBLIC_POST = 101, PRIVATE_POST = 102, OTHERS_POST = 103;

    @BeforeAll
    static void start() throws Exception {
        ds = new PooledDataSource(Map.of("url", TestPostgres.freshDatabase(), "user", "postgres", "pool_size", 4));
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("social.herd.platform", MigrationFiles.platform());
        runner.migrate("social.herd.admin", MigrationFiles.in(Path.of("target/classes/db/migration")));
        TxDatabase db = new TxDatabase(ds);
        TimeSortableIdGenerator ids = new TimeSortableIdGenerator();
        Accounts accounts = new Accounts();
        ServerRules rules = locale -> List.of(new Rule("1", "Be kind", ""), new Rule("2", "No spam", ""));
        service = new ReportService(db, ids, accounts, new Statuses(), rules,
                new EventBus(new PostgresJobQueue(db, ids)), Clock.systemUTC());
        api = new ApiHarness(new ReportsResource(service, accounts));
    }

    @AfterAll
    static void stop() {
        ds.close();
    }

    static JsonNode json(ApiHarness.Response r, int status) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return Json.mapper().readTree(r.body());
    }

    static long count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aReportIsStoredAnsweredAndAnnouncedToModerators() throws Exception {
        JsonNode r = json(api.form("POST", "/api/v1/reports", ApiHarness.token(REPORTER),
                "account_id=" + TARGET + "&status_ids[]=" + PUBLIC_POST + "&comment=spam+links&rule_ids[]=2"), 200);
        assertThat(r.get("category").asText()).as("rules given: a violation").isEqualTo("violation");
        assertThat(r.get("status_ids").toString()).isEqualTo("[\"" + PUBLIC_POST + "\"]");
        assertThat(r.get("rule_ids").toString()).isEqualTo("[\"2\"]");
        assertThat(r.get("comment").asText()).isEqualTo("spam links");
        assertThat(r.get("action_taken").asBoolean()).isFalse();
        assertThat(r.get("target_account").get("id").asText()).isEqualTo(Long.toString(TARGET));
        assertThat(count("SELECT count(*) FROM reports WHERE id = " + r.get("id").asText())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM herd_jobs WHERE type = 'event.dispatch' AND payload LIKE '%report.created%'"
                + " AND payload LIKE '%" + r.get("id").asText() + "%'")).isEqualTo(1);

        JsonNode j = json(api.json("POST", "/api/v1/reports", ApiHarness.token(REPORTER),
                "{\"account_id\":\"" + TARGET + "\",\"category\":\"spam\",\"forward\":true}"), 200);
        assertThat(j.get("category").asText()).isEqualTo("spam");
        assertThat(j.get("forwarded").asBoolean()).as("a local account: nothing to forward to").isFalse();
    }

    @Test
    void badReportsAreRefusedAndNothingIsStored() throws Exception {
        long before = count("SELECT count(*) FROM reports");
        String token = ApiHarness.token(REPORTER);
        assertThat(json(api.form("POST", "/api/v1/reports", token, "comment=x"), 422).get("error").asText())
                .isEqualTo("Validation failed: Account can't be blank");
        assertThat(json(api.form("POST", "/api/v1/reports", token, "account_id=999"), 404).get("error").asText())
                .isEqualTo("Record not found");
        assertThat(json(api.form("POST", "/api/v1/reports", token, "account_id=abc"), 422).get("error").asText())
                .contains("account_id is invalid");
        // a private post the reporter cannot see, and another account's post, are not evidence
        for (long post : List.of(PRIVATE_POST, OTHERS_POST)) {
            assertThat(json(api.form("POST", "/api/v1/reports", token, "account_id=" + TARGET + "&status_ids[]=" + post), 422)
                    .get("error").asText()).isEqualTo("Validation failed: Statuses are invalid");
        }
        assertThat(json(api.form("POST", "/api/v1/reports", token, "account_id=" + TARGET + "&category=bad"), 422)
                .get("error").asText()).contains("Category");
        assertThat(json(api.form("POST", "/api/v1/reports", token, "account_id=" + TARGET + "&rule_ids[]=9"), 422)
                .get("error").asText()).contains("Rule ids");
        assertThat(json(api.form("POST", "/api/v1/reports", token, "account_id=" + TARGET + "&comment=" + "x".repeat(1001)), 422)
                .get("error").asText()).contains("too long");
        assertThat(api.form("POST", "/api/v1/reports", null, "account_id=" + TARGET).status()).isEqualTo(401);
        assertThat(api.form("POST", "/api/v1/reports", "scoped:1:" + REPORTER + ":read", "account_id=" + TARGET).status())
                .isEqualTo(403);
        assertThat(count("SELECT count(*) FROM reports")).isEqualTo(before);
    }

    @Test
    void aReportFromAnotherServerKeepsOnlyTheTargetsPostsAndNeverForwards() throws Exception {
        long id = service.fileRemote(REMOTE, TARGET, List.of(PRIVATE_POST, OTHERS_POST, 999L, PRIVATE_POST),
                "n".repeat(1500)).orElseThrow();
        assertThat(count("SELECT count(*) FROM reports WHERE id = " + id + " AND account_id = " + REMOTE
                + " AND target_account_id = " + TARGET + " AND status_ids = '[" + PRIVATE_POST + "]'"
                + " AND length(comment) = 1000 AND category = 'other' AND NOT forwarded")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM herd_jobs WHERE type = 'event.dispatch' AND payload LIKE '%report.created%'"
                + " AND payload LIKE '%" + id + "%'")).isEqualTo(1);
        // only local accounts are reported here; the other server handles its own
        long before = count("SELECT count(*) FROM reports");
        assertThat(service.fileRemote(REMOTE, REMOTE, List.of(), "")).isEmpty();
        assertThat(service.fileRemote(REMOTE, 999, List.of(), "")).isEmpty();
        assertThat(count("SELECT count(*) FROM reports")).isEqualTo(before);
    }

    static final class Accounts implements AccountDirectory {
        @Override
        public Optional<AccountSummary> byId(long id) {
            if (id == REMOTE) return Optional.of(new AccountSummary(id, "mod", "remote.example", false, false));
            return id == REPORTER || id == TARGET || id == OTHER
                    ? Optional.of(new AccountSummary(id, "u" + id, null, false, false)) : Optional.empty();
        }

        @Override
        public Optional<AccountSummary> localByUsername(String username) {
            return Optional.empty();
        }

        @Override
        public Map<Long, Object> render(Collection<Long> ids) {
            Map<Long, Object> out = new LinkedHashMap<>();
            for (Long id : ids) out.put(id, Map.of("id", Long.toString(id)));
            return out;
        }

        @Override
        public java.util.List<String> alsoKnownAs(long accountId) {
            return java.util.List.of();
        }
    }

    static final class Statuses implements StatusDirectory {
        @Override
        public Optional<StatusFacts> facts(long id) {
            long author = id == OTHERS_POST ? OTHER : TARGET;
            String vis = id == PRIVATE_POST ? "private" : "public";
            return id >= 101 && id <= 103 ? Optional.of(new StatusFacts(id, author, vis, null, null, null, null, List.of(),
                    List.of(), true, false, false, false, null, Instant.now())) : Optional.empty();
        }

        @Override
        public boolean visibleTo(Long viewerId, long id) {
            return id != PRIVATE_POST;
        }

        @Override
        public Map<Long, Object> render(Long viewerId, Collection<Long> ids, String context) {
            return Map.of();
        }

        @Override
        public boolean conversationMuted(long accountId, long statusId) {
            return false;
        }
    }


}
