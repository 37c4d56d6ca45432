package social.herd.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.media.impl.video.VideoSettings;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/** The configured limits refuse video and audio with 422 before anything is stored. */
class VideoLimitsTest {

    /** Just under 640x480, and one second. */
    static final long MAX_PIXELS = 640L * 480 - 1;

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;

    @BeforeAll
    static void start() {
        f = new Fixture(data, null, VideoSettings.defaults().withLimits(MAX_PIXELS, Duration.ofSeconds(1)));
        http = Api.harness(f);
        assertThat(f.video.available()).as("ffmpeg and ffprobe on the PATH (test.sh installs Debian's ffmpeg)").isTrue();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static JsonNode json(ApiHarness.Response r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void tooManyPixelsOrSecondsAreRefusedOnBothApisAndLeaveNothing() throws Exception {
        for (String path : new String[] {"/api/v1/media", "/api/v2/media"}) {
            ApiHarness.Response large = Api.upload(http, path, ApiHarness.token(1), TestMedia.mp4("vga1", 640, 480, 1));
            assertThat(large.status()).as(large.body()).isEqualTo(422);
            assertThat(json(large).get("error").asText()).isEqualTo("The video is too large: 640x480 exceeds " + MAX_PIXELS + " pixels");

            ApiHarness.Response longer = Api.upload(http, path, ApiHarness.token(1), TestMedia.mp3("tone", 3));
            assertThat(longer.status()).as(longer.body()).isEqualTo(422);
            assertThat(json(longer).get("error").asText()).matches("The file is too long: 3\\.\\d s exceeds 1 s");
        }
        // within both limits
        ApiHarness.Response ok = Api.upload(http, "/api/v1/media", ApiHarness.token(1), TestMedia.mp4("small", 320, 240, 1));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);

        assertThat(f.count("SELECT count(*) FROM media_attachments")).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM herd_jobs")).isZero();
        assertThat(f.files("media")).hasSize(2);
        assertThat(f.files("tmp")).isEmpty();
    }

    @Test
    void sizeLimitAppliesToVideoWhileImagesKeepTheirs() throws Exception {
        Fixture small = new Fixture(data.resolve("small"), null, VideoSettings.from(Map.of("max_video_bytes", 1024 * 1024)));
        try {
            ApiHarness h = Api.harness(small);
            byte[] padded = TestImages.concat(TestMedia.mp4("small", 320, 240, 1), new byte[1024 * 1024]);
            ApiHarness.Response r = Api.upload(h, "/api/v1/media", ApiHarness.token(1), padded);
            assertThat(r.status()).isEqualTo(422);
            assertThat(json(r).get("error").asText()).isEqualTo("Validation failed: File file size must be less than 1 MB");
            assertThat(small.media.maxUploadBytes()).isEqualTo(MediaService.MAX_IMAGE_BYTES);
            assertThat(small.files("tmp")).isEmpty();
        } finally {
            small.close();
        }
    }

    @Test
    void anFfmpegRunOverTheTimeoutIsKilledWithItsChildrenAndLeavesNothing() throws Exception {
        // answers -version like ffmpeg, then hangs in a child process, as a stuck encoder would
        Path fake = Files.createDirectories(TestMedia.DIR.resolve("hanging")).resolve("ffmpeg");
        Files.writeString(fake, "#!/bin/sh\ncase \"$*\" in *-version*) echo 'ffmpeg version 0-hanging'; exit 0;; esac\n"
                + "sleep 47.25 &\nwait\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Fixture hanging = new Fixture(data.resolve("hanging"), null, VideoSettings.from(Map.of(
                "ffmpeg_path", fake.toString(), "ffprobe_path", TestMedia.tool("ffprobe"), "timeout_seconds", 1)));
        try {
            assertThat(hanging.video.available()).isTrue();
            long start = System.nanoTime();
            ApiHarness.Response r = Api.upload(Api.harness(hanging), "/api/v1/media", ApiHarness.token(1),
                    TestMedia.mp4("small", 320, 240, 1));
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(json(r).get("error").asText()).isEqualTo("Processing the file took too long");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                    .filter(c -> c.contains("47.25"))).as("the encoder's children are gone too").isEmpty();
            assertThat(hanging.count("SELECT count(*) FROM media_attachments")).isZero();
            assertThat(hanging.files("media")).isEmpty();
            assertThat(hanging.files("tmp")).isEmpty();
        } finally {
            hanging.close();
        }
    }

    @Test
    void settingsFallBackToDefaultsOnBadValues() {
        VideoSettings s = VideoSettings.from(Map.of("max_duration_seconds", "soon", "max_video_pixels", "-5",
                "ffmpeg_path", "/opt/ffmpeg/bin/ffmpeg", "timeout_seconds", 30));
        assertThat(s.maxDuration()).isEqualTo(Duration.ofSeconds(600));
        assertThat(s.maxPixels()).isEqualTo(VideoSettings.DEFAULT_MAX_PIXELS);
        assertThat(s.maxBytes()).isEqualTo(VideoSettings.DEFAULT_MAX_BYTES);
        assertThat(s.ffprobePath()).isEqualTo("/opt/ffmpeg/bin/ffprobe");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
