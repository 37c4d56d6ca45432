package social.herd.media.impl.video;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg and ffprobe argument lists. Every input is opened with its demuxer forced and the
 * {@code file} protocol only: left to itself, ffmpeg guesses the format from the content and
 * would follow an HLS playlist or a concat list disguised as a video to other files or URLs.
 */
final class Commands {

    /** Stored video fits this box (either orientation): Mastodon's 1080p. */
    static final int LONG_SIDE = 1920;
    static final int SHORT_SIDE = 1080;
    static final int MAX_FPS = 60;

    private Commands() {}

    static List<String> probe(String demuxer, Path file) {
        return List.of("-v", "error", "-protocol_whitelist", "file", "-f", demuxer,
                "-print_format", "json", "-show_format", "-show_streams", file.toString());
    }

    /**
     * Video to H.264/AAC MP4 in yuv420p at even dimensions within the box, at most 60 fps, its
     * index up front ({@code faststart}) so playback starts before the download ends; gifv the
     * same without sound; audio to MP3. Metadata (GPS position, device, names) is dropped, and
     * anything past the duration limit is cut in case the container lied about its length.
     */
    static List<String> transcode(String demuxer, Path input, Path output, String type, Probe probe, Duration maxDuration) {
        List<String> a = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-protocol_whitelist", "file", "-f", demuxer, "-i", input.toString(),
                "-map_metadata", "-1", "-map_chapters", "-1", "-sn", "-dn", "-t", Long.toString(maxDuration.toSeconds())));
        if (type.equals("audio")) {
            a.addAll(List.of("-map", "0:" + probe.audio().index(), "-vn", "-c:a", "libmp3lame", "-q:a", "2"));
            if (probe.audio().channels() > 2) a.addAll(List.of("-ac", "2"));
            a.addAll(List.of("-f", "mp3", output.toString()));
            return a;
        }
        int[] size = size(probe.video().width(), probe.video().height());
        a.addAll(List.of("-map", "0:" + probe.video().index(),
                "-vf", "scale=" + size[0] + ":" + size[1] + ",setsar=1,format=yuv420p", "-fpsmax", Integer.toString(MAX_FPS),
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"));
        if (type.equals("video") && probe.hasAudio()) {
            a.addAll(List.of("-map", "0:" + probe.audio().index(), "-c:a", "aac", "-b:a", "160k"));
            if (probe.audio().channels() > 2) a.addAll(List.of("-ac", "2"));
        } else {
            a.add("-an");
        }
        a.addAll(List.of("-movflags", "+faststart", "-f", "mp4", output.toString()));
        return a;
    }

    /** The first frame of a stored video as PNG (lossless: it is re-encoded for the preview). */
    static List<String> firstFrame(Path video, Path png) {
        return List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-protocol_whitelist", "file", "-f", "mov", "-i", video.toString(),
                "-map", "0:v:0", "-frames:v", "1", "-f", "image2", "-c:v", "png", png.toString());
    }

    /**
     * {@code w}x{@code h} scaled down into the 1920x1080 box (1080x1920 for portrait) keeping the
     * aspect ratio, rounded down to even numbers: yuv420p halves the colour resolution, and
     * H.264 players refuse odd sizes.
     */
    static int[] size(int w, int h) {
        int longSide = Math.max(w, h), shortSide = Math.min(w, h);
        double scale = Math.min(1, Math.min((double) LONG_SIDE / longSide, (double) SHORT_SIDE / shortSide));
        return new int[] {even(w * scale), even(h * scale)};
    }

    private static int even(double v) {
        return Math.max(2, (int) Math.floor(v) & ~1);
    }
}
