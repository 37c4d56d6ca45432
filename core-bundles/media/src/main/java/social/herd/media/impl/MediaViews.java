package social.herd.media.impl;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import social.herd.media.impl.db.MediaRow;
import social.herd.media.impl.storage.Storage;

/** Rows to Mastodon MediaAttachment entities. */
public final class MediaViews {

    /**
     * Mastodon's MediaAttachment. {@code url} and {@code meta} are null while processing; {@code meta}
     * is a {@link Meta} for images and Mastodon's map of the same name for video, gifv and audio.
     */
    public record MediaAttachment(String id, String type, String url, String previewUrl, String remoteUrl,
                                  String previewRemoteUrl, String textUrl, Object meta, String description,
                                  String blurhash) {}

    /** Sizes of the stored files and the focal point. */
    public record Meta(Size original, Size small, Focus focus) {}

    /** {@code size} is {@code "WxH"}, {@code aspect} width over height. */
    public record Size(int width, int height, String size, double aspect) {
        static Size of(int width, int height) {
            return new Size(width, height, width + "x" + height, (double) width / height);
        }
    }

    /** The focal point, -1..1 on each axis, (0,0) the centre. */
    public record Focus(double x, double y) {}

    private final Storage storage;

    public MediaViews(Storage storage) {
        this.storage = storage;
    }

    public MediaAttachment entity(MediaRow row) {
        boolean ready = MediaRow.READY.equals(row.state());
        String url = ready && row.fileKey() != null ? storage.url(row.fileKey()) : null;
        String preview = ready && row.smallKey() != null ? storage.url(row.smallKey()) : null;
        Object meta = null;
        if (ready && MediaRow.IMAGE.equals(row.type()) && row.width() != null) {
            meta = new Meta(Size.of(row.width(), row.height()), Size.of(row.smallWidth(), row.smallHeight()), focus(row));
        } else if (ready && row.duration() != null) {
            meta = audioVideoMeta(row);
        }
        return new MediaAttachment(Long.toString(row.id()), row.type(), url, preview, null, null, null, meta,
                row.description(), ready ? row.blurhash() : null);
    }

    /**
     * Mastodon's meta of video, gifv and audio: {@code length} ("0:01:05.25"), {@code duration}
     * and, with a picture, {@code fps}, {@code size}, {@code width}, {@code height}, {@code aspect} at
     * the top; {@code original} with {@code frame_rate}, {@code duration} and {@code bitrate};
     * {@code small}, the preview frame's size.
     */
    private static Map<String, Object> audioVideoMeta(MediaRow row) {
        double duration = row.duration();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("length", length(duration));
        meta.put("duration", round(duration));
        Map<String, Object> original = new LinkedHashMap<>();
        if (row.width() != null) {
            double fps = fps(row.frameRate());
            if (fps > 0) meta.put("fps", Math.round(fps));
            meta.put("size", row.width() + "x" + row.height());
            meta.put("width", row.width());
            meta.put("height", row.height());
            meta.put("aspect", (double) row.width() / row.height());
            original.put("width", row.width());
            original.put("height", row.height());
            original.put("frame_rate", row.frameRate());
        }
        original.put("duration", duration);
        original.put("bitrate", row.bitrate());
        meta.put("original", original);
        if (row.smallWidth() != null) meta.put("small", Size.of(row.smallWidth(), row.smallHeight()));
        if (row.width() != null) meta.put("focus", focus(row));
        return meta;
    }

    /** {@code H:MM:SS.ss}, as Mastodon writes it. */
    static String length(double seconds) {
        long hundredths = Math.round(seconds * 100);
        long h = hundredths / 360_000, m = hundredths / 6000 % 60, s = hundredths / 100 % 60, f = hundredths % 100;
        return String.format(Locale.ROOT, "%d:%02d:%02d.%02d", h, m, s, f);
    }

    private static double fps(String frameRate) {
        if (frameRate == null) return 0;
        String[] parts = frameRate.split("/");
        try {
            double n = Double.parseDouble(parts[0]), d = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return d > 0 ? n / d : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Focus focus(MediaRow row) {
        return new Focus(round(row.focusX()), round(row.focusY()));
    }

    /** Two decimals, as clients send them: 0.1f would otherwise print as 0.10000000149011612. */
    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
