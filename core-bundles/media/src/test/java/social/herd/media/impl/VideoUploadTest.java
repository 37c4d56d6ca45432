package social.herd.media.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.jobs.Job;
import social.herd.media.impl.video.VideoProcessor;
import social.herd.media.impl.video.VideoSettings;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/**
 * Video, animated GIFs and audio through the API with the real ffmpeg: what is stored (codecs,
 * sizes, no metadata, index up front), what the API says about it (Mastodon's meta), and that
 * nothing is left behind, in storage or in {@code <data_dir>/tmp}. Fails when ffmpeg is missing.
 */
class VideoUploadTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;
    static long nextAccount = 20_000;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        http = Api.harness(f);
        assertThat(f.video.available()).as("ffmpeg and ffprobe on the PATH (test.sh installs Debian's ffmpeg)").isTrue();
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

    /** Uploads on v2, expects 202 and processing, runs the job, answers the ready entity. */
    private static JsonNode uploadAndProcess(long account, byte[] file) throws Exception {
        ApiHarness.Response r = Api.upload(http, "/api/v2/media", ApiHarness.token(account), file);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode accepted = json(r);
        assertThat(accepted.get("url").isNull()).isTrue();
        String id = accepted.get("id").asText();
        assertThat(http.get("/api/v1/media/" + id, ApiHarness.token(account)).status()).isEqualTo(206);
        assertThat(f.runMediaJobs()).isEqualTo(1);
        ApiHarness.Response done = http.get("/api/v1/media/" + id, ApiHarness.token(account));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        return json(done);
    }

    @Test
    void mp4BecomesVideoWithMastodonMetaAPreviewAndNoMetadata() throws Exception {
        byte[] mp4 = TestMedia.mp4("holiday", 640, 480, 2);
        assertThat(TestMedia.indexOf(mp4, "Secret holiday")).as("the fixture carries a title").isPositive();
        long account = account();
        JsonNode m = uploadAndProcess(account, mp4);

        assertThat(m.get("type").asText()).isEqualTo("video");
        assertThat(m.get("url").asText()).startsWith(Fixture.SYSTEM_URL + "media_attachments/").endsWith(".mp4");
        assertThat(m.get("preview_url").asText()).endsWith("_small.jpg");
        assertThat(m.get("blurhash").asText()).hasSize(36);
        assertThat(m.at("/meta/original/width").asInt()).isEqualTo(640);
        assertThat(m.at("/meta/original/height").asInt()).isEqualTo(480);
        assertThat(m.at("/meta/original/frame_rate").asText()).isEqualTo("25/1");
        assertThat(m.at("/meta/original/duration").asDouble()).isCloseTo(2.0, offset(0.1));
        assertThat(m.at("/meta/original/bitrate").asLong()).isPositive();
        assertThat(m.at("/meta/length").asText()).matches("0:00:0[12]\\.\\d\\d");
        assertThat(m.at("/meta/fps").asInt()).isEqualTo(25);
        assertThat(m.at("/meta/size").asText()).isEqualTo("640x480");
        assertThat(m.at("/meta/aspect").asDouble()).isCloseTo(640.0 / 480, offset(1e-9));
        assertThat(m.at("/meta/small/width").asInt()).isEqualTo(640);
        assertThat(m.at("/meta/small/height").asInt()).isEqualTo(480);

        Path stored = f.fileOf(m.get("url").asText());
        JsonNode probe = TestMedia.probe(stored);
        assertThat(TestMedia.stream(probe, "video").path("codec_name").asText()).isEqualTo("h264");
        assertThat(TestMedia.stream(probe, "video").path("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(TestMedia.stream(probe, "audio").path("codec_name").asText()).isEqualTo("aac");
        byte[] bytes = Files.readAllBytes(stored);
        assertThat(TestMedia.indexOf(bytes, "moov")).as("faststart: index before data").isLessThan(TestMedia.indexOf(bytes, "mdat"));
        assertThat(TestMedia.indexOf(bytes, "Secret holiday")).isEqualTo(-1);
        assertThat(TestMedia.indexOf(bytes, "+52.5200")).isEqualTo(-1);

        BufferedImage preview = ImageIO.read(f.fileOf(m.get("preview_url").asText()).toFile());
        assertThat(preview.getWidth()).isEqualTo(640);
        assertThat(f.count("SELECT count(*) FROM media_attachments WHERE incoming_key IS NOT NULL AND account_id = " + account)).isZero();
        assertThat(f.files("media").stream().filter(p -> p.toString().endsWith(".upload"))).isEmpty();
        assertThat(f.files("tmp")).isEmpty();
    }

    @Test
    void v1TranscodesWhileTheClientWaitsIntoEvenSizesWithinTheBox() throws Exception {
        long account = account();
        ApiHarness.Response wide = Api.upload(http, "/api/v1/media", ApiHarness.token(account), TestMedia.mp4("wide", 2560, 1441, 1));
        assertThat(wide.status()).as(wide.body()).isEqualTo(200);
        JsonNode m = json(wide);
        assertThat(m.get("type").asText()).isEqualTo("video");
        assertThat(m.at("/meta/original/width").asInt()).isEqualTo(1918);
        assertThat(m.at("/meta/original/height").asInt()).isEqualTo(1080);
        JsonNode video = TestMedia.stream(TestMedia.probe(f.fileOf(m.get("url").asText())), "video");
        assertThat(video.path("width").asInt()).isEqualTo(1918);
        assertThat(video.path("height").asInt()).isEqualTo(1080);
        assertThat(m.at("/meta/small/width").asInt()).isEqualTo(640);

        ApiHarness.Response portrait = Api.upload(http, "/api/v1/media", ApiHarness.token(account),
                TestMedia.mp4("portrait", 721, 1281, 1));
        assertThat(portrait.status()).as(portrait.body()).isEqualTo(200);
        assertThat(json(portrait).at("/meta/size").asText()).isEqualTo("720x1280");
        assertThat(f.files("tmp")).isEmpty();
    }

    @Test
    void sidewaysPhoneVideoIsStoredUprightAndWidePixelsBecomeSquare() throws Exception {
        long account = account();
        ApiHarness.Response r = Api.upload(http, "/api/v1/media", ApiHarness.token(account), TestMedia.sideways("phone"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = json(r);
        assertThat(m.at("/meta/size").asText()).isEqualTo("240x320");
        JsonNode video = TestMedia.stream(TestMedia.probe(f.fileOf(m.get("url").asText())), "video");
        assertThat(video.path("width").asInt()).isEqualTo(240);
        assertThat(video.path("height").asInt()).isEqualTo(320);
        assertThat(video.path("side_data_list").findValues("rotation")).as("turned in the pixels, not by a flag")
                .allMatch(v -> v.asInt() == 0);
        assertThat(m.at("/meta/small/height").asInt()).isEqualTo(320);

        ApiHarness.Response wide = Api.upload(http, "/api/v1/media", ApiHarness.token(account), TestMedia.anamorphic("dv"));
        assertThat(wide.status()).as(wide.body()).isEqualTo(200);
        assertThat(json(wide).at("/meta/size").asText()).isEqualTo("640x240");
        JsonNode stored = TestMedia.stream(TestMedia.probe(f.fileOf(json(wide).get("url").asText())), "video");
        assertThat(stored.path("sample_aspect_ratio").asText()).isEqualTo("1:1");
    }

    @Test
    void animatedGifBecomesGifvWithoutSoundAndStillGifStaysAnImage() throws Exception {
        long account = account();
        JsonNode m = uploadAndProcess(account, TestMedia.gif("loop", 320, 240, 2));
        assertThat(m.get("type").asText()).isEqualTo("gifv");
        assertThat(m.get("url").asText()).endsWith(".mp4");
        assertThat(m.at("/meta/original/width").asInt()).isEqualTo(320);
        assertThat(m.at("/meta/original/duration").asDouble()).isCloseTo(2.0, offset(0.2));
        assertThat(m.at("/meta/fps").asInt()).isEqualTo(10);
        JsonNode probe = TestMedia.probe(f.fileOf(m.get("url").asText()));
        assertThat(TestMedia.stream(probe, "video").path("codec_name").asText()).isEqualTo("h264");
        assertThat(TestMedia.stream(probe, "audio")).as("gifv has no sound").isNull();

        // the JDK's two-frame GIF is animated too; one frame is a picture
        ApiHarness.Response jdk = Api.upload(http, "/api/v1/media", ApiHarness.token(account), TestMedia.jdkAnimatedGif());
        assertThat(json(jdk).get("type").asText()).as(jdk.body()).isEqualTo("gifv");
        ApiHarness.Response still = Api.upload(http, "/api/v1/media", ApiHarness.token(account), TestMedia.ffmpeg("still.gif",
                "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1"));
        assertThat(still.status()).as(still.body()).isEqualTo(200);
        assertThat(json(still).get("type").asText()).isEqualTo("image");
    }

    @Test
    void mp3AndWavBecomeAudioWithoutPreview() throws Exception {
        long account = account();
        ApiHarness.Response r = Api.upload(http, "/api/v1/media", ApiHarness.token(account), TestMedia.mp3("tone", 3));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = json(r);
        assertThat(m.get("type").asText()).isEqualTo("audio");
        assertThat(m.get("url").asText()).endsWith(".mp3");
        assertThat(m.get("preview_url").isNull()).isTrue();
        assertThat(m.get("blurhash").isNull()).isTrue();
        assertThat(m.at("/meta/original/duration").asDouble()).isCloseTo(3.0, offset(0.1));
        assertThat(m.at("/meta/original/bitrate").asLong()).isPositive();
        assertThat(m.at("/meta/length").asText()).startsWith("0:00:0");
        assertThat(m.at("/meta/width").isMissingNode()).isTrue();
        byte[] stored = Files.readAllBytes(f.fileOf(m.get("url").asText()));
        assertThat(TestMedia.indexOf(stored, "Someone private")).isEqualTo(-1);
        assertThat(TestMedia.stream(TestMedia.probe(f.fileOf(m.get("url").asText())), "audio").path("codec_name").asText())
                .isEqualTo("mp3");

        JsonNode wav = uploadAndProcess(account, TestMedia.wav("beep", 1));
        assertThat(wav.get("type").asText()).isEqualTo("audio");
        assertThat(wav.get("url").asText()).endsWith(".mp3");
        assertThat(f.files("tmp")).isEmpty();
    }

    @Test
    void garbageClaimingToBeVideoIsRefusedAndLeavesNothing() throws Exception {
        long account = account();
        int files = f.files("media").size();
        byte[] fakeMp4 = TestImages.concat(new byte[] {0, 0, 0, 0x18}, "ftypisom".getBytes(), new byte[4000]);
        for (int i = 12; i < fakeMp4.length; i++) fakeMp4[i] = (byte) (i * 7919);
        for (String path : new String[] {"/api/v1/media", "/api/v2/media"}) {
            ApiHarness.Response r = Api.upload(http, path, ApiHarness.token(account), fakeMp4);
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(json(r).get("error").asText()).isEqualTo("The file could not be read as video or audio");
        }
        ApiHarness.Response noise = Api.upload(http, "/api/v2/media", ApiHarness.token(account), "not a video at all".getBytes());
        assertThat(json(noise).get("error").asText()).isEqualTo("File type not supported");

        // a real video cut in half still has its header, but not its frames
        byte[] mp4 = TestMedia.mp4("holiday", 640, 480, 2);
        ApiHarness.Response cut = Api.upload(http, "/api/v1/media", ApiHarness.token(account), java.util.Arrays.copyOf(mp4, 1200));
        assertThat(cut.status()).as(cut.body()).isEqualTo(422);

        assertThat(f.count("SELECT count(*) FROM media_attachments WHERE account_id = " + account)).isZero();
        assertThat(f.count("SELECT count(*) FROM herd_jobs WHERE type = 'media.process'")).isZero();
        assertThat(f.files("media")).hasSize(files);
        assertThat(f.files("tmp")).isEmpty();
    }

    @Test
    void aJobThatCannotTranscodeMarksTheUploadFailedAndRemovesIt() throws Exception {
        long account = account();
        ApiHarness.Response r = Api.upload(http, "/api/v2/media", ApiHarness.token(account), TestMedia.mp4("holiday", 640, 480, 2));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = json(r).get("id").asText();
        String incoming = f.string("SELECT incoming_key FROM media_attachments WHERE id = " + id);
        assertThat(Files.exists(data.resolve("media").resolve(incoming))).isTrue();

        // ffmpeg went away between upload and job (a worker node without it)
        VideoProcessor missing = new VideoProcessor(VideoSettings.from(Map.of("ffmpeg_path", "/nonexistent/ffmpeg")),
                data.resolve("tmp"), f.images);
        assertThat(missing.available()).isFalse();
        new ProcessMediaJob(f.db, f.storage, f.images, missing).handle(new Job(1, "default", ProcessMediaJob.TYPE,
                ProcessMediaJob.payload(Long.parseLong(id)), 1, Instant.now()));
        f.exec("DELETE FROM herd_jobs WHERE type = 'media.process'");
        ApiHarness.Response failed = http.get("/api/v1/media/" + id, ApiHarness.token(account));
        assertThat(failed.status()).isEqualTo(422);
        assertThat(json(failed).get("error").asText()).contains("ffmpeg is not installed");
        assertThat(Files.exists(data.resolve("media").resolve(incoming))).isFalse();
        assertThat(f.files("tmp")).isEmpty();
    }
}
