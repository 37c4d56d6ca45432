package social.herd.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import social.herd.web.api.Json;

/**
 * Video and audio made for the tests by the real ffmpeg (lavfi test sources), under
 * {@code target/test-media}; ffprobe to look at what was stored. ffmpeg is required: test.sh
 * installs it, and without it these tests fail rather than pass by skipping.
 */
final class TestMedia {

    static final Path DIR = Path.of("target/test-media").toAbsolutePath();

    private TestMedia() {}

    /**
     * {@code seconds} of test pattern at {@code w}x{@code h} and 25 fps, with a 440 Hz tone, and
     * metadata to strip. Odd sizes are stored in yuv444p (yuv420p cannot have them).
     */
    static byte[] mp4(String name, int w, int h, int seconds) throws Exception {
        String pixels = w % 2 == 1 || h % 2 == 1 ? "yuv444p" : "yuv420p";
        return ffmpeg(name + ".mp4", "-f", "lavfi", "-i", "testsrc=duration=" + seconds + ":size=" + w + "x" + h + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-metadata", "title=Secret holiday", "-metadata", "location=+52.5200+013.4050/",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", pixels, "-c:a", "aac", "-shortest");
    }

    /** A 320x240 video stored as a phone does when held upright: sideways, with a 90° display rotation. */
    static byte[] sideways(String name) throws Exception {
        mp4(name + "-plain", 320, 240, 1);
        return ffmpeg(name + ".mp4", "-i", DIR.resolve(name + "-plain.mp4").toString(), "-c", "copy",
                "-metadata:s:v:0", "rotate=90");
    }

    /** 320x240 stored pixels that are twice as wide as high when shown (sample aspect ratio 2:1). */
    static byte[] anamorphic(String name) throws Exception {
        mp4(name + "-plain", 320, 240, 1);
        return ffmpeg(name + ".mp4", "-i", DIR.resolve(name + "-plain.mp4").toString(), "-aspect", "8:3",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "copy");
    }

    /** A looping animated GIF: 10 frames per second. */
    static byte[] gif(String name, int w, int h, int seconds) throws Exception {
        return ffmpeg(name + ".gif", "-f", "lavfi", "-i", "testsrc=duration=" + seconds + ":size=" + w + "x" + h + ":rate=10");
    }

    static byte[] mp3(String name, int seconds) throws Exception {
        return ffmpeg(name + ".mp3", "-f", "lavfi", "-i", "sine=frequency=330:duration=" + seconds,
                "-metadata", "artist=Someone private", "-c:a", "libmp3lame", "-b:a", "128k");
    }

    static byte[] wav(String name, int seconds) throws Exception {
        return ffmpeg(name + ".wav", "-f", "lavfi", "-i", "sine=frequency=550:duration=" + seconds);
    }

    /** Runs ffmpeg to make {@code file} (cached across tests) and answers its bytes. */
    static synchronized byte[] ffmpeg(String file, String... args) throws Exception {
        Path out = DIR.resolve(file);
        if (!Files.exists(out)) {
            Files.createDirectories(DIR);
            // made under another name and renamed when complete: a failed run leaves no half file to reuse
            Path part = DIR.resolve("part-" + file);
            List<String> command = new ArrayList<>(List.of(tool("ffmpeg"), "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
            command.addAll(List.of(args));
            command.add(part.toString());
            run(command);
            Files.move(part, out);
        }
        return Files.readAllBytes(out);
    }

    /** ffprobe's JSON of a file. */
    static JsonNode probe(Path file) throws Exception {
        Path out = DIR.resolve("probe-" + System.nanoTime() + ".json");
        Files.createDirectories(DIR);
        run(List.of(tool("ffprobe"), "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                "-o", out.toString(), file.toString()));
        try {
            return Json.mapper().readTree(Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The stream of {@code type} ("video", "audio"), or null. */
    static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.path("streams")) if (s.path("codec_type").asText().equals(type)) return s;
        return null;
    }

    /** Where a byte string first occurs, -1 when nowhere. */
    static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) if (haystack[i + j] != n[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** A two-frame animated GIF made by the JDK, for tests that must not need ffmpeg. */
    static byte[] jdkAnimatedGif() throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (Color c : new Color[] {Color.RED, Color.BLUE}) {
                BufferedImage frame = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = frame.createGraphics();
                g.setColor(c);
                g.fillRect(0, 0, 40, 30);
                g.dispose();
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The absolute path of {@code ffmpeg} or {@code ffprobe} on the PATH; fails the test without. */
    static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new AssertionError(name + " is required for the media tests and is not on the PATH:"
                + " install Debian's ffmpeg (test.sh does: apt_install ffmpeg)");
    }

    private static void run(List<String> command) throws Exception {
        Path log = DIR.resolve("ffmpeg-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(p.exitValue()).as("%s: %s", command, output).isZero();
    }
}
