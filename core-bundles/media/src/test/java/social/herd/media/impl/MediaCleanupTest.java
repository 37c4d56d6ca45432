package social.herd.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.media.impl.db.MediaMapper;
import social.herd.media.impl.db.MediaRow;

/** The hourly cleanup of abandoned uploads. */
class MediaCleanupTest {

    @TempDir
    static Path data;
    static Fixture f;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static MediaRow row(long id) {
        return f.db.read(tx -> tx.mapper(MediaMapper.class).byId(id));
    }

    private static MediaRow upload(long account) throws Exception {
        return f.media.upload(account, new Upload("a.jpg", "image/jpeg", TestImages.jpeg(40, 30)), null, null, false);
    }

    @Test
    void removesOldUnattachedMediaWithItsFilesAndNothingElse() throws Exception {
        MediaRow old = upload(1), fresh = upload(1), attached = upload(1);
        f.db.transaction(tx -> {
            new MediaAttachmentsComponent(f.db, f.media).attach(tx, 1, 77, List.of(attached.id()));
            return null;
        });
        f.exec("UPDATE media_attachments SET created_at = now() - interval '25 hours' WHERE id IN (?, ?)", old.id(), attached.id());
        f.exec("UPDATE media_attachments SET created_at = now() - interval '23 hours' WHERE id = ?", fresh.id());

        MediaCleanupTask task = f.cleanupAt(Instant.now());
        assertThat(task.interval()).isEqualTo(Duration.ofHours(1));
        task.run();

        assertThat(row(old.id())).isNull();
        assertThat(Files.exists(f.dataDir.resolve("media").resolve(old.fileKey()))).isFalse();
        assertThat(Files.exists(f.dataDir.resolve("media").resolve(old.smallKey()))).isFalse();
        for (MediaRow kept : List.of(fresh, attached)) {
            assertThat(row(kept.id())).isNotNull();
            assertThat(Files.exists(f.dataDir.resolve("media").resolve(kept.fileKey()))).isTrue();
        }
        assertThat(f.files("media")).hasSize(4);

        // an hour later the fresh one is old enough too
        f.cleanupAt(Instant.now().plus(Duration.ofHours(2))).run();
        assertThat(f.count("SELECT count(*) FROM media_attachments")).isEqualTo(1);
        assertThat(f.files("media")).hasSize(2);
    }
}
