package social.herd.media.impl;

import social.herd.media.impl.db.MediaRow;
import social.herd.media.impl.storage.Storage;

/** Rows to Mastodon MediaAttachment entities. */
public final class MediaViews {

    /** Mastodon's MediaAttachment. {@code url} and {@code meta} are null while processing. */
    public record MediaAttachment(String id, String type, String url, String previewUrl, String remoteUrl,
                                  String previewRemoteUrl, String textUrl, Meta meta, String description,
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
        Meta meta = ready && row.width() != null
                ? new Meta(Size.of(row.width(), row.height()), Size.of(row.smallWidth(), row.smallHeight()),
                        new Focus(round(row.focusX()), round(row.focusY())))
                : null;
        return new MediaAttachment(Long.toString(row.id()), row.type(), url, preview, null, null, null, meta,
                row.description(), ready ? row.blurhash() : null);
    }

    /** Two decimals, as clients send them: 0.1f would otherwise print as 0.10000000149011612. */
    private static double round(float v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
