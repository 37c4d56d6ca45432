package social.herd.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.media.impl.image.ImageProcessor;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/** Uploads through the API: processing, privacy, hostile files, polling, edits. */
class MediaUploadTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;
    static long nextAccount = 1000;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        http = Api.harness(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static synchronized long account() {
        return ++nextAccount;
    }

    private static JsonNode json(ApiHarness.Response r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private static long rows(long account) {
        return f.count("SELECT count(*) FROM media_attachments WHERE account_id = " + account);
    }

    @Test
    void largePhotoIsUprightLimitedAndLosesItsExifAndGps() throws Exception {
        byte[] photo = TestImages.withExifGps(TestImages.jpeg(5200, 3900), 6); // 20.3 MP, stored turned left
        // the fixture really carries GPS, as an independent EXIF reader sees it
        assertThat(TestImages.gps(photo)).isNotNull();
        assertThat(TestImages.gps(photo).getEntryById(2).getValueAsString()).contains("52");
        assertThat(photo.length).isLessThan(16 * 1024 * 1024);

        long account = account();
        ApiHarness.Response r = Api.upload(http, "/api/v1/media", ApiHarness.token(account), photo,
                "description", "A gradient", "focus", "0.5,-0.25");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = json(r);
        assertThat(m.get("id").isTextual()).isTrue();
        assertThat(m.get("type").asText()).isEqualTo("image");
        assertThat(m.get("url").asText()).startsWith(Fixture.SYSTEM_URL + "media_attachments/").endsWith(".jpg");
        assertThat(m.get("preview_url").asText()).startsWith(Fixture.SYSTEM_URL).endsWith("_small.jpg");
        assertThat(m.get("remote_url").isNull()).isTrue();
        assertThat(m.get("description").asText()).isEqualTo("A gradient");
        assertThat(m.get("blurhash").asText()).hasSize(36);
        assertThat(m.at("/meta/focus/x").asDouble()).isEqualTo(0.5);
        assertThat(m.at("/meta/focus/y").asDouble()).isEqualTo(-0.25);

        // upright (orientation 6 turns the 5200x3900 landscape into a portrait) and within the limit
        int w = m.at("/meta/original/width").asInt(), h = m.at("/meta/original/height").asInt();
        assertThat(h).isGreaterThan(w);
        assertThat((long) w * h).isLessThanOrEqualTo(ImageProcessor.MAX_OUTPUT_PIXELS).isGreaterThan(8_000_000L);
        assertThat((double) h / w).isCloseTo(5200.0 / 3900, org.assertj.core.data.Offset.offset(0.01));
        assertThat(m.at("/meta/original/size").asText()).isEqualTo(w + "x" + h);
        assertThat(m.at("/meta/original/aspect").asDouble()).isCloseTo((double) w / h, org.assertj.core.data.Offset.offset(1e-9));

        byte[] stored = Files.readAllBytes(f.fileOf(m.get("url").asText()));
        assertThat(TestImages.exif(stored)).isNull();
        assertThat(TestImages.gps(stored)).isNull();
        assertThat(TestImages.appMarkers(stored)).doesNotContain(0xffe1);
        assertThat(indexOf(stored, "Exif\0\0".getBytes())).isEqualTo(-1);
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(original.getWidth()).isEqualTo(w);
        assertThat(original.getHeight()).isEqualTo(h);
        // the dark block was top left when stored; turned right it is now top right
        assertThat(brightness(original.getRGB(w - 20, 20))).isLessThan(40);
        assertThat(brightness(original.getRGB(20, 20))).isGreaterThan(60);

        BufferedImage small = ImageIO.read(f.fileOf(m.get("preview_url").asText()).toFile());
        assertThat(Math.max(small.getWidth(), small.getHeight())).isEqualTo(ImageProcessor.SMALL_BOX);
        assertThat(small.getWidth()).isEqualTo(m.at("/meta/small/width").asInt());
        assertThat(f.files("tmp")).isEmpty();
        assertThat(rows(account)).isEqualTo(1);
    }

    @Test
    void v2LeavesLargeImagesToAWorkerAndTheClientPolls() throws Exception {
        long account = account();
        ApiHarness.Response r = Api.upload(http, "/api/v2/media", ApiHarness.token(account), TestImages.jpeg(4000, 3000));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode m = json(r);
        assertThat(m.get("url").isNull()).isTrue();
        assertThat(m.get("meta").isNull()).isTrue();
        String id = m.get("id").asText();
        assertThat(http.get("/api/v1/media/" + id, ApiHarness.token(account)).status()).isEqualTo(206);
        // not attachable while processing
        assertThat(f.string("SELECT state FROM media_attachments WHERE id = " + id)).isEqualTo("processing");

        assertThat(f.runMediaJobs()).isEqualTo(1);
        ApiHarness.Response done = http.get("/api/v1/media/" + id, ApiHarness.token(account));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        JsonNode ready = json(done);
        assertThat(ready.get("url").asText()).endsWith(".jpg");
        assertThat(Files.exists(f.fileOf(ready.get("url").asText()))).isTrue();
        assertThat(ready.get("blurhash").asText()).isNotEmpty();
        assertThat(ready.at("/meta/original/width").asInt() * ready.at("/meta/original/height").asLong())
                .isLessThanOrEqualTo(ImageProcessor.MAX_OUTPUT_PIXELS);
        // the raw upload is gone; only original and preview remain
        assertThat(f.files("media").stream().filter(p -> p.toString().endsWith(".upload"))).isEmpty();
        // a second run of the same job (at-least-once delivery) changes nothing
        String fileKey = f.string("SELECT file_key FROM media_attachments WHERE id = " + id);
        int files = f.files("media").size();
        f.processJob.handle(new social.herd.api.jobs.Job(1, "default", "media.process", ProcessMediaJob.payload(Long.parseLong(id)),
                2, java.time.Instant.now()));
        assertThat(f.string("SELECT file_key FROM media_attachments WHERE id = " + id)).isEqualTo(fileKey);
        assertThat(f.files("media")).hasSize(files);
    }

    @Test
    void smallImagesAreReadyAtOnceOnV2AndTransparencyStaysPng() throws Exception {
        long account = account();
        ApiHarness.Response r = Api.upload(http, "/api/v2/media", ApiHarness.token(account), TestImages.transparentPng(300, 200));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = json(r);
        assertThat(m.get("url").asText()).endsWith(".png");
        assertThat(m.get("preview_url").asText()).endsWith("_small.png");
        assertThat(m.at("/meta/original/size").asText()).isEqualTo("300x200");
        assertThat(m.at("/meta/small/size").asText()).isEqualTo("300x200");
        assertThat(m.get("description").isNull()).isTrue();
        BufferedImage stored = ImageIO.read(f.fileOf(m.get("url").asText()).toFile());
        assertThat(stored.getColorModel().hasAlpha()).isTrue();
        assertThat(stored.getRGB(0, 0) >>> 24).isZero();
    }

    @Test
    void decompressionBombIsRefusedBeforeDecodingAndLeavesNothing() throws Exception {
        long account = account();
        long before = f.files("media").size();
        for (String path : new String[] {"/api/v1/media", "/api/v2/media"}) {
            ApiHarness.Response r = Api.upload(http, path, ApiHarness.token(account), TestImages.pngBomb(50_000, 50_000));
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(json(r).get("error").asText()).contains("50000x50000").contains("too large");
        }
        assertThat(rows(account)).isZero();
        assertThat(f.files("media")).hasSize((int) before);
        assertThat(f.count("SELECT count(*) FROM herd_jobs WHERE type = 'media.process'")).isZero();
    }

    @Test
    void truncatedAndForeignFilesAreRefusedAndLeaveNothing() throws Exception {
        long account = account();
        long before = f.files("media").size();
        byte[] jpeg = TestImages.jpeg(800, 600);
        ApiHarness.Response cut = Api.upload(http, "/api/v1/media", ApiHarness.token(account), Arrays.copyOf(jpeg, jpeg.length * 6 / 10));
        assertThat(cut.status()).as(cut.body()).isEqualTo(422);
        assertThat(json(cut).get("error").asText()).isEqualTo("The image is truncated or corrupt");

        ApiHarness.Response header = Api.upload(http, "/api/v1/media", ApiHarness.token(account), Arrays.copyOf(jpeg, 20));
        assertThat(header.status()).as(header.body()).isEqualTo(422);

        ApiHarness.Response riff = Api.upload(http, "/api/v2/media", ApiHarness.token(account),
                TestImages.concat("RIFF".getBytes(), new byte[4], "AVI LIST".getBytes(), new byte[64]));
        assertThat(riff.status()).isEqualTo(422);
        assertThat(json(riff).get("error").asText()).isEqualTo("File type not supported");

        ApiHarness.Response text = Api.upload(http, "/api/v1/media", ApiHarness.token(account), "hello, world".getBytes());
        assertThat(text.status()).isEqualTo(422);
        assertThat(json(text).get("error").asText()).isEqualTo("File type not supported");

        ApiHarness.Response empty = Api.upload(http, "/api/v1/media", ApiHarness.token(account), new byte[0]);
        assertThat(empty.status()).isEqualTo(422);

        assertThat(rows(account)).isZero();
        assertThat(f.files("media")).hasSize((int) before);
        assertThat(f.files("tmp")).isEmpty();
    }

    @Test
    void onlyTheOwnerSeesAndEditsAndOnlyBeforeAttaching() throws Exception {
        long owner = account(), other = account();
        String id = json(Api.upload(http, "/api/v1/media", ApiHarness.token(owner), TestImages.jpeg(64, 48))).get("id").asText();

        assertThat(http.get("/api/v1/media/" + id, null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/media/" + id, "scoped:" + owner + ":" + owner + ":read").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/media/" + id, ApiHarness.token(other)).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/media/" + id, ApiHarness.token(owner)).status()).isEqualTo(200);

        ApiHarness.Response form = http.form("PUT", "/api/v1/media/" + id, ApiHarness.token(owner), "description=A+cat&focus=-0.5%2C0.75");
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(json(form).get("description").asText()).isEqualTo("A cat");
        assertThat(json(form).at("/meta/focus/x").asDouble()).isEqualTo(-0.5);
        assertThat(json(form).at("/meta/focus/y").asDouble()).isEqualTo(0.75);

        // JSON edit of the description only keeps the focus
        ApiHarness.Response js = http.json("PUT", "/api/v1/media/" + id, ApiHarness.token(owner), "{\"description\":\"A dog\"}");
        assertThat(json(js).get("description").asText()).isEqualTo("A dog");
        assertThat(json(js).at("/meta/focus/y").asDouble()).isEqualTo(0.75);

        ApiHarness.Response tooLong = http.form("PUT", "/api/v1/media/" + id, ApiHarness.token(owner), "description=" + "x".repeat(1501));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(http.form("PUT", "/api/v1/media/" + id, ApiHarness.token(owner), "focus=2,0").status()).isEqualTo(422);
        assertThat(http.form("PUT", "/api/v1/media/" + id, ApiHarness.token(other), "description=mine").status()).isEqualTo(404);
        assertThat(f.string("SELECT description FROM media_attachments WHERE id = " + id)).isEqualTo("A dog");

        f.db.transaction(tx -> {
            f.attachments.attach(tx, owner, 42, java.util.List.of(Long.parseLong(id)));
            return null;
        });
        assertThat(http.form("PUT", "/api/v1/media/" + id, ApiHarness.token(owner), "description=late").status()).isEqualTo(404);
    }

    private static int brightness(int rgb) {
        return ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
