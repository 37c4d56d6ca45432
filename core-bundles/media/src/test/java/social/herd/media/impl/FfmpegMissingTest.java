package social.herd.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.media.impl.image.ImageProcessor;
import social.herd.media.impl.video.VideoProcessor;
import social.herd.media.impl.video.VideoSettings;
import social.herd.web.testing.ApiHarness;

/**
 * A server without ffmpeg (here: configured at a path that does not exist) refuses video, audio
 * and animated GIFs with one clear message and keeps nothing; pictures work as before. Uses
 * hand-made files, so it needs no ffmpeg itself.
 */
class FfmpegMissingTest {

    static final String BODY = "{\"error\":\"Video and audio uploads are not supported on this server (ffmpeg is not installed)\"}";

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;

    @BeforeAll
    static void start() {
        f = new Fixture(data, null, VideoSettings.from(Map.of("ffmpeg_path", data.resolve("no/such/ffmpeg").toString())));
        http = Api.harness(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void videoAudioAndAnimatedGifsAreRefusedClearlyAndLeaveNothing() throws Exception {
        assertThat(f.video.available()).isFalse();
        byte[][] uploads = {
            TestImages.concat(new byte[] {0, 0, 0, 0x18}, "ftypmp42".getBytes(), new byte[64]),   // MP4
            TestImages.concat(new byte[] {0, 0, 0, 0x14}, "ftypqt  ".getBytes(), new byte[64]),   // QuickTime
            TestImages.concat(new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3}, new byte[64]),  // WebM
            TestImages.concat("ID3".getBytes(), new byte[64]),                                       // MP3
            TestImages.concat("OggS".getBytes(), new byte[64]),                                      // Ogg
            TestImages.concat("RIFF".getBytes(), new byte[4], "WAVEfmt ".getBytes(), new byte[64]), // WAV
            TestImages.concat("fLaC".getBytes(), new byte[64]),                                      // FLAC
            TestMedia.jdkAnimatedGif(),
        };
        for (byte[] upload : uploads) {
            for (String path : new String[] {"/api/v1/media", "/api/v2/media"}) {
                ApiHarness.Response r = Api.upload(http, path, ApiHarness.token(1), upload);
                assertThat(r.status()).isEqualTo(422);
                assertThat(r.body()).isEqualTo(BODY);
            }
        }
        assertThat(f.count("SELECT count(*) FROM media_attachments")).isZero();
        assertThat(f.count("SELECT count(*) FROM herd_jobs")).isZero();
        assertThat(f.files("media")).isEmpty();
        assertThat(f.files("tmp")).isEmpty();

        // pictures do not need ffmpeg
        ApiHarness.Response photo = Api.upload(http, "/api/v1/media", ApiHarness.token(1), TestImages.jpeg(64, 48));
        assertThat(photo.status()).as(photo.body()).isEqualTo(200);
    }

    @Test
    void eitherToolMissingMeansNotInstalled() {
        Path tmp = data.resolve("tmp");
        ImageProcessor images = new ImageProcessor();
        // ffprobe is looked for beside a configured ffmpeg
        assertThat(new VideoProcessor(VideoSettings.from(Map.of("ffmpeg_path", "/bin/true")), tmp, images).available()).isFalse();
        assertThat(new VideoProcessor(VideoSettings.from(Map.of("ffprobe_path", "/nonexistent/ffprobe")), tmp, images)
                .available()).isFalse();
        // a file that is not executable is not ffmpeg either
        assertThat(new VideoProcessor(VideoSettings.from(Map.of("ffmpeg_path", "/etc/hostname", "ffprobe_path", "/etc/hostname")),
                tmp, images).available()).isFalse();
    }
}
