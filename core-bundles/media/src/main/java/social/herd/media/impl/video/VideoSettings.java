package social.herd.media.impl.video;

import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video and audio settings from PID {@value #PID}. Every key is optional:
 *
 * <ul>
 * <li>{@code ffmpeg_path}: the ffmpeg executable; default {@code ffmpeg} found on the PATH. A
 * configured path that does not exist means "not installed" (video and audio are refused).</li>
 * <li>{@code ffprobe_path}: default {@code ffprobe} beside a configured ffmpeg, else on the PATH</li>
 * <li>{@code max_video_bytes}: largest video or audio upload, default 99 MB (Mastodon's)</li>
 * <li>{@code max_video_pixels}: largest frame, width times height, default 3840x2160</li>
 * <li>{@code max_duration_seconds}: longest video or audio, default 600</li>
 * <li>{@code timeout_seconds}: longest one ffmpeg run may take before it is killed, default 1200</li>
 * </ul>
 *
 * <p>A bad value logs one line naming the key and falls back to the default.
 */
public record VideoSettings(String ffmpegPath, String ffprobePath, int maxBytes, long maxPixels,
                            Duration maxDuration, Duration timeout) {

    /** ConfigAdmin PID of the media settings. */
    public static final String PID = "social.herd.media";

    /** Mastodon's video size limit, as the instance endpoint announces it. */
    public static final int DEFAULT_MAX_BYTES = 99 * 1024 * 1024;
    /** Mastodon's video matrix limit (3840x2160), as the instance endpoint announces it. */
    public static final long DEFAULT_MAX_PIXELS = 3840L * 2160;

    private static final Logger LOG = LoggerFactory.getLogger(VideoSettings.class);

    /** Everything by default: ffmpeg and ffprobe from the PATH. */
    public static VideoSettings defaults() {
        return from(Map.of());
    }

    /** Reads the settings from configuration properties (null: none). */
    public static VideoSettings from(Map<String, ?> properties) {
        Map<String, ?> p = properties == null ? Map.of() : properties;
        String ffmpeg = string(p, "ffmpeg_path");
        String ffprobe = string(p, "ffprobe_path");
        if (ffprobe == null && ffmpeg != null && ffmpeg.contains("/")) {
            ffprobe = ffmpeg.substring(0, ffmpeg.lastIndexOf('/') + 1) + "ffprobe";
        }
        return new VideoSettings(ffmpeg == null ? "ffmpeg" : ffmpeg, ffprobe == null ? "ffprobe" : ffprobe,
                (int) number(p, "max_video_bytes", DEFAULT_MAX_BYTES, 1024, Integer.MAX_VALUE - 1024 * 1024),
                number(p, "max_video_pixels", DEFAULT_MAX_PIXELS, 64, 100_000_000L),
                Duration.ofSeconds(number(p, "max_duration_seconds", 600, 1, 86_400)),
                Duration.ofSeconds(number(p, "timeout_seconds", 1200, 1, 86_400)));
    }

    /** The same settings with other limits (for tests and tuning). */
    public VideoSettings withLimits(long pixels, Duration duration) {
        return new VideoSettings(ffmpegPath, ffprobePath, maxBytes, pixels, duration, timeout);
    }

    private static String string(Map<String, ?> p, String key) {
        Object v = p.get(key);
        if (v == null) return null;
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    private static long number(Map<String, ?> p, String key, long fallback, long min, long max) {
        String s = string(p, key);
        if (s == null) return fallback;
        try {
            long n = Long.parseLong(s);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("config {} key {}={} is not a number in [{}, {}], using {}", PID, key, s, min, max, fallback);
        return fallback;
    }
}
