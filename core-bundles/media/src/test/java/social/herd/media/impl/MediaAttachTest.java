package social.herd.media.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.media.impl.db.MediaRow;
import social.herd.web.api.Json;

/** MediaAttachments as the statuses bundle uses it. */
class MediaAttachTest {

    @TempDir
    static Path data;
    static Fixture f;
    static long nextId = 5000;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static synchronized long next() {
        return ++nextId;
    }

    private static long upload(long account) throws Exception {
        return f.media.upload(account, new Upload("a.jpg", "image/jpeg", TestImages.jpeg(40, 30)), null, null, false).id();
    }

    private static void attach(long account, long status, List<Long> ids) {
        f.db.transaction(tx -> {
            f.attachments.attach(tx, account, status, ids);
            return null;
        });
    }

    @Test
    void attachesInOrderAndRendersEntities() throws Exception {
        long account = next(), status = next();
        long a = upload(account), b = upload(account);
        f.exec("UPDATE media_attachments SET description = 'second' WHERE id = ?", b);
        attach(account, status, List.of(b, a));

        Map<Long, List<Object>> rendered = f.attachments.forStatuses(List.of(status, next()));
        assertThat(rendered).containsOnlyKeys(status);
        JsonNode list = Json.mapper().readTree(Json.write(rendered.get(status)));
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo(Long.toString(b));
        assertThat(list.get(0).get("description").asText()).isEqualTo("second");
        assertThat(list.get(1).get("id").asText()).isEqualTo(Long.toString(a));
        JsonNode first = list.get(0);
        assertThat(first.get("type").asText()).isEqualTo("image");
        assertThat(first.get("url").asText()).startsWith(Fixture.SYSTEM_URL);
        assertThat(first.get("preview_url").asText()).startsWith(Fixture.SYSTEM_URL);
        assertThat(first.has("remote_url") && first.get("remote_url").isNull()).isTrue();
        assertThat(first.at("/meta/original/size").asText()).isEqualTo("40x30");
        assertThat(first.get("blurhash").asText()).isNotEmpty();
        assertThat(f.attachments.forStatuses(List.of())).isEmpty();
    }

    @Test
    void refusesWhatCannotBeAttached() throws Exception {
        long me = next(), someoneElse = next();
        long foreign = upload(someoneElse);
        assertThatThrownBy(() -> attach(me, next(), List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to another account");

        List<Long> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) five.add(upload(me));
        assertThatThrownBy(() -> attach(me, next(), five))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("A status can have at most 4 media attachments");

        assertThatThrownBy(() -> attach(me, next(), List.of(987654321L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");

        long processing = next();
        f.exec("INSERT INTO media_attachments (id, account_id, type, state, incoming_key, created_at) "
                + "VALUES (?, ?, 'image', 'processing', 'media_attachments/00/x.upload', now())", processing, me);
        assertThatThrownBy(() -> attach(me, next(), List.of(five.get(0), processing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("still processing");
        // nothing of a refused attach sticks
        assertThat(f.count("SELECT count(*) FROM media_attachments WHERE status_id IS NOT NULL AND account_id = " + me)).isZero();

        long status = next();
        attach(me, status, five.subList(0, 4));
        attach(me, status, five.subList(0, 4)); // the same status again (an edit) is fine
        assertThatThrownBy(() -> attach(me, next(), List.of(five.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already attached");
    }

    @Test
    void detachingKeepsOrDeletesRowsAndFiles() throws Exception {
        long account = next(), kept = next(), deleted = next();
        long a = upload(account), b = upload(account);
        attach(account, kept, List.of(a));
        attach(account, deleted, List.of(b));
        MediaRow rowB = f.db.read(tx -> tx.mapper(social.herd.media.impl.db.MediaMapper.class).byId(b));
        Path fileB = f.dataDir.resolve("media").resolve(rowB.fileKey());
        assertThat(Files.exists(fileB)).isTrue();

        f.db.transaction(tx -> {
            f.attachments.detach(tx, kept, false);
            f.attachments.detach(tx, deleted, true);
            return null;
        });
        assertThat(f.string("SELECT coalesce(status_id::text, 'none') FROM media_attachments WHERE id = " + a)).isEqualTo("none");
        assertThat(f.count("SELECT count(*) FROM media_attachments WHERE id = " + b)).isZero();
        assertThat(Files.exists(fileB)).isFalse();
        assertThat(Files.exists(f.dataDir.resolve("media").resolve(rowB.smallKey()))).isFalse();
        assertThat(f.attachments.forStatuses(List.of(kept, deleted))).isEmpty();
    }
}
