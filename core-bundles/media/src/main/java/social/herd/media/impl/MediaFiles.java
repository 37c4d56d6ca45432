package social.herd.media.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import social.herd.media.impl.db.MediaRow;
import social.herd.media.impl.image.ImageProcessor.Encoded;
import social.herd.media.impl.image.ImageProcessor.Processed;
import social.herd.media.impl.storage.Storage;
import social.herd.media.impl.video.VideoProcessor.Transcoded;

/**
 * Stores what processing produced, for the upload and for the job alike. Every key written is
 * added to {@code written} at once, so that the caller can remove them again if anything later
 * fails (a second file, the database).
 */
final class MediaFiles {

    private MediaFiles() {}

    /** Stores an image's original and preview; {@code row} as it becomes ready. */
    static MediaRow storeImage(Storage storage, MediaRow row, MediaKeys keys, Processed p, List<String> written)
            throws IOException {
        String original = put(storage, keys.original(p.original().extension()), p.original(), written);
        String small = put(storage, keys.small(p.small().extension()), p.small(), written);
        return row.ready(original, small, p.original().contentType(), p.original().bytes().length, p.original().width(),
                p.original().height(), p.small().width(), p.small().height(), p.blurhash(), null, null, null);
    }

    /** Stores a transcoded video or audio file and the preview frame of a video. */
    static MediaRow storeAudioVideo(Storage storage, MediaRow row, MediaKeys keys, Transcoded t, List<String> written)
            throws IOException {
        String original = keys.original(t.extension());
        storage.put(original, t.file(), t.contentType());
        written.add(original);
        Encoded small = t.preview() == null ? null : t.preview().small();
        String smallKey = small == null ? null : put(storage, keys.small(small.extension()), small, written);
        return row.ready(original, smallKey, t.contentType(), Files.size(t.file()), t.width(), t.height(),
                small == null ? null : small.width(), small == null ? null : small.height(),
                t.preview() == null ? null : t.preview().blurhash(), t.duration(), t.frameRate(), t.bitrate());
    }

    private static String put(Storage storage, String key, Encoded file, List<String> written) throws IOException {
        storage.put(key, file.bytes(), file.contentType());
        written.add(key);
        return key;
    }
}
