package social.herd.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.db.DatabaseException;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.testing.TestPostgres;

class DatabaseTest {

    private static PooledDataSource ds;
    private static TxDatabase db;
    private static PostgresJobQueue jobs;
    private static final TimeSortableIdGenerator IDS = new TimeSortableIdGenerator();

    @BeforeAll
    static void setUp() {
        ds = TestDb.pool(TestPostgres.freshDatabase(), 4);
        TestDb.migratePlatform(ds);
        TestDb.exec(ds, "CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
        db = new TxDatabase(ds);
        jobs = new PostgresJobQueue(db, IDS);
    }

    @AfterAll
    static void tearDown() {
        ds.close();
    }

    private static long notes() {
        return TestDb.queryLong(ds, "SELECT count(*) FROM notes");
    }

    private static long jobRows() {
        return TestDb.queryLong(ds, "SELECT count(*) FROM herd_jobs");
    }

    @Test
    void mapperWriteAndEnqueueRollBackTogetherOnException() {
        long notesBefore = notes(), jobsBefore = jobRows();
        List<String> hooks = new ArrayList<>();
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.mapper(NoteMapper.class).insert(IDS.nextId(), "never");
            jobs.enqueue(tx, JobRequest.of(Queues.DEFAULT, "test.note", "{}"));
            assertThat(tx.mapper(NoteMapper.class).count()).isEqualTo((int) notesBefore + 1); // same connection
            tx.afterCommit(() -> hooks.add("ran"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom"); // runtime exceptions pass unchanged
        assertThat(notes()).isEqualTo(notesBefore);
        assertThat(jobRows()).isEqualTo(jobsBefore);
        assertThat(hooks).isEmpty();
    }

    @Test
    void mapperWriteAndEnqueueCommitTogether() {
        long notesBefore = notes(), jobsBefore = jobRows();
        List<String> hooks = new ArrayList<>();
        long id = IDS.nextId();
        long jobId = db.transaction(tx -> {
            tx.mapper(NoteMapper.class).insert(id, "kept");
            tx.afterCommit(() -> hooks.add("committed"));
            return jobs.enqueue(tx, JobRequest.of(Queues.PUSH, "test.note", "{\"id\":" + id + "}"));
        });
        assertThat(notes()).isEqualTo(notesBefore + 1);
        assertThat(jobRows()).isEqualTo(jobsBefore + 1);
        assertThat(TestDb.queryStrings(ds, "SELECT queue || ' ' || type || ' ' || payload FROM herd_jobs WHERE id = " + jobId))
                .containsExactly("push test.note {\"id\":" + id + "}");
        assertThat(hooks).containsExactly("committed");
        List<NoteMapper.Note> read = db.read(tx -> tx.mapper(NoteMapper.class).all());
        assertThat(read).anySatisfy(n -> {
            assertThat(n.id()).isEqualTo(id);
            assertThat(n.body()).isEqualTo("kept");
            assertThat(n.createdAt()).isNotNull();
        });
    }

    @Test
    void checkedExceptionsAndSqlFailuresAreWrappedAndRolledBack() {
        long before = notes();
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.mapper(NoteMapper.class).insert(IDS.nextId(), "x");
            throw new IOException("disk");
        })).isInstanceOf(DatabaseException.class).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.mapper(NoteMapper.class).insert(IDS.nextId(), "y");
            try (var s = tx.connection().createStatement()) {
                s.execute("SELECT * FROM no_such_table");
            }
            return null;
        })).isInstanceOf(DatabaseException.class).hasCauseInstanceOf(SQLException.class);
        assertThat(notes()).isEqualTo(before);
    }

    @Test
    void readTransactionsAreReadOnlyAndConnectionsGoBackClean() {
        assertThatThrownBy(() -> db.read(tx -> tx.mapper(NoteMapper.class).insert(IDS.nextId(), "no")))
                .isInstanceOf(RuntimeException.class);
        // the pool has 4 connections: every one must come back writable with autocommit restored
        for (int i = 0; i < 8; i++) {
            long id = IDS.nextId();
            db.transaction(tx -> tx.mapper(NoteMapper.class).insert(id, "w"));
        }
        assertThat(db.<Boolean>read(tx -> tx.connection().isReadOnly())).isTrue();
        assertThat(db.<Boolean>transaction(tx -> tx.connection().isReadOnly())).isFalse();
    }

    @Test
    void txIsUnusableAfterItEnds() {
        var leaked = db.transaction(tx -> tx);
        assertThatThrownBy(() -> leaked.mapper(NoteMapper.class)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void enqueueInOwnTransactionAndStats() {
        jobs.enqueue(new JobRequest(Queues.MAILERS, "test.mail", null, java.time.Instant.now().plusSeconds(3600), 3));
        assertThat(jobs.stats().get(Queues.MAILERS).waiting()).isGreaterThanOrEqualTo(1);
        assertThat(jobs.stats()).containsKeys(Queues.ALL.toArray(String[]::new));
    }
}
