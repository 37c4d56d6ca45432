package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.migrate.MigrationException;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.platform.impl.migrate.MigrationScript;
import social.herd.testing.TestPostgres;

class MigrationRunnerTest {

    private String url;
    private PooledDataSource ds;

    @BeforeEach
    void setUp() {
        url = TestPostgres.freshDatabase();
        ds = TestDb.pool(url, 4);
    }

    @AfterEach
    void tearDown() {
        ds.close();
    }

    /**
     * Each script inserts a row into {@code runs} when it executes: the count of rows per version
     * is the number of times that migration really ran.
     */
    private static List<MigrationScript> countingScripts() {
        return List.of(
                MigrationScript.of("V2__add_column.sql", """
                        ALTER TABLE notes ADD COLUMN title text;
                        INSERT INTO runs (version) VALUES (2);"""),
                MigrationScript.of("V1__create_notes.sql", """
                        CREATE TABLE IF NOT EXISTS runs (version int NOT NULL);
                        -- slow enough that a racing migrator would overlap without the lock
                        SELECT pg_sleep(0.3);
                        CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);
                        INSERT INTO runs (version) VALUES (1);"""),
                MigrationScript.of("V3__function.sql", """
                        CREATE FUNCTION shout(t text) RETURNS text LANGUAGE plpgsql AS $$
                        BEGIN RETURN upper(t) || '; done'; END; $$;
                        INSERT INTO runs (version) VALUES (3);"""));
    }

    @Test
    void appliesInVersionOrderOnceAndRecordsHistory() {
        MigrationRunner runner = new MigrationRunner(ds);
        assertThat(runner.migrate("social.herd.example", countingScripts())).isEqualTo(3);
        assertThat(runner.migrate("social.herd.example", countingScripts())).isEqualTo(3);
        assertThat(TestDb.queryStrings(ds, "SELECT version || ':' || count(*) FROM runs GROUP BY version ORDER BY version"))
                .containsExactly("1:1", "2:1", "3:1");
        assertThat(TestDb.queryStrings(ds, "SELECT bundle || ' ' || version || ' ' || description || ' ' || script "
                + "|| ' ' || length(checksum) FROM herd_schema_history WHERE installed_at IS NOT NULL ORDER BY version"))
                .containsExactly("social.herd.example 1 create notes V1__create_notes.sql 64",
                        "social.herd.example 2 add column V2__add_column.sql 64",
                        "social.herd.example 3 function V3__function.sql 64");
        assertThat(TestDb.queryStrings(ds, "SELECT shout('hi')")).containsExactly("HI; done");
    }

    @Test
    void addsOnlyNewMigrationsLater() {
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("b", countingScripts().subList(1, 2));
        assertThat(TestDb.queryLong(ds, "SELECT count(*) FROM runs")).isEqualTo(1);
        assertThat(runner.migrate("b", countingScripts())).isEqualTo(3);
        assertThat(TestDb.queryLong(ds, "SELECT count(*) FROM runs")).isEqualTo(3);
    }

    @Test
    void bundlesHaveSeparateHistories() {
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("one", List.of(MigrationScript.of("V1__a.sql", "CREATE TABLE one_a (x int);")));
        runner.migrate("two", List.of(MigrationScript.of("V1__a.sql", "CREATE TABLE two_a (x int);")));
        assertThat(TestDb.queryLong(ds, "SELECT count(*) FROM herd_schema_history")).isEqualTo(2);
    }

    @Test
    void twoMigratorsRacingRunEachMigrationExactlyOnce() throws Exception {
        // two independent pools = two nodes started against the same database at the same moment
        try (PooledDataSource other = TestDb.pool(url, 4)) {
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            List<Future<Integer>> results = new ArrayList<>();
            for (PooledDataSource node : List.of(ds, other)) {
                Callable<Integer> migrate = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return new MigrationRunner(node).migrate("social.herd.example", countingScripts());
                };
                results.add(nodes.submit(migrate));
            }
            for (Future<Integer> r : results) assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(3);
            nodes.shutdown();
        }
        assertThat(TestDb.queryStrings(ds, "SELECT version || ':' || count(*) FROM runs GROUP BY version ORDER BY version"))
                .containsExactly("1:1", "2:1", "3:1");
        assertThat(TestDb.queryLong(ds, "SELECT count(*) FROM herd_schema_history")).isEqualTo(3);
    }

    @Test
    void changedAppliedMigrationIsAnErrorNamingTheFile() {
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("social.herd.example", countingScripts());
        List<MigrationScript> edited = new ArrayList<>(countingScripts());
        edited.set(0, MigrationScript.of("V2__add_column.sql", "ALTER TABLE notes ADD COLUMN subtitle text;"));
        assertThatThrownBy(() -> runner.migrate("social.herd.example", edited))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("V2__add_column.sql")
                .hasMessageContaining("social.herd.example")
                .hasMessageContaining("changed");
        // CRLF line endings alone are not a change
        List<MigrationScript> crlf = countingScripts().stream()
                .map(m -> new MigrationScript(m.version(), m.description(), m.fileName(), m.sql().replace("\n", "\r\n")))
                .toList();
        assertThat(runner.migrate("social.herd.example", crlf)).isEqualTo(3);
    }

    @Test
    void failingMigrationIsRolledBackAndNotRecorded() {
        MigrationRunner runner = new MigrationRunner(ds);
        List<MigrationScript> scripts = List.of(
                MigrationScript.of("V1__ok.sql", "CREATE TABLE ok (x int);"),
                MigrationScript.of("V2__broken.sql", "CREATE TABLE half (x int); SELECT no_such_function();"));
        assertThatThrownBy(() -> runner.migrate("b", scripts))
                .isInstanceOf(MigrationException.class).hasMessageContaining("V2__broken.sql");
        assertThat(TestDb.queryLong(ds, "SELECT count(*) FROM herd_schema_history")).isEqualTo(1);
        assertThat(TestDb.queryLong(ds, "SELECT count(*) FROM pg_tables WHERE tablename = 'half'")).isZero();
        // fixed script applies on the next start
        assertThat(runner.migrate("b", List.of(scripts.get(0), MigrationScript.of("V2__broken.sql", "CREATE TABLE half (x int);"))))
                .isEqualTo(2);
    }

    @Test
    void badNamesAndDuplicateVersionsAreRejected() {
        assertThatThrownBy(() -> MigrationScript.of("V1_create.sql", "")).hasMessageContaining("V1_create.sql");
        MigrationRunner runner = new MigrationRunner(ds);
        assertThatThrownBy(() -> runner.migrate("b", List.of(MigrationScript.of("V1__a.sql", "SELECT 1"),
                MigrationScript.of("V01__b.sql", "SELECT 1")))).hasMessageContaining("V1__a.sql").hasMessageContaining("V01__b.sql");
    }
}
