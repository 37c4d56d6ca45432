package social.herd.media.impl.db;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A row of {@code media_attachments}. {@code width}/{@code height} are null for audio;
 * {@code duration} (seconds), {@code frameRate} ({@code "25/1"}) and {@code bitrate} (bit/s) are
 * null for images. The component order is the column order of the mapper's selects.
 */
public record MediaRow(long id, long accountId, Long statusId, int position, String type, String state,
                       String incomingKey, String fileKey, String smallKey, String contentType, Long fileSize,
                       Integer width, Integer height, Integer smallWidth, Integer smallHeight,
                       float focusX, float focusY, String description, String blurhash, String failure,
                       Instant createdAt, Double duration, String frameRate, Long bitrate) {

    public static final String READY = "ready";
    public static final String PROCESSING = "processing";
    public static final String FAILED = "failed";
    public static final String IMAGE = "image";

    /** A new upload left for a job: only the raw file under {@code incomingKey} is stored. */
    public static MediaRow processing(long id, long accountId, String type, String incomingKey, String contentType,
                                      long fileSize, float[] focus, String description, Instant createdAt) {
        return new MediaRow(id, accountId, null, 0, type, PROCESSING, incomingKey, null, null, contentType, fileSize,
                null, null, null, null, focus[0], focus[1], description, null, null, createdAt, null, null, null);
    }

    /** This row processed: its stored files and what they are; the raw upload is gone. */
    public MediaRow ready(String fileKey, String smallKey, String contentType, long fileSize, Integer width, Integer height,
                          Integer smallWidth, Integer smallHeight, String blurhash, Double duration, String frameRate,
                          Long bitrate) {
        return new MediaRow(id, accountId, statusId, position, type, READY, null, fileKey, smallKey, contentType, fileSize,
                width, height, smallWidth, smallHeight, focusX, focusY, description, blurhash, null, createdAt,
                duration, frameRate, bitrate);
    }

    /** The storage keys of every file of this row. */
    public List<String> keys() {
        return Stream.of(incomingKey, fileKey, smallKey).filter(Objects::nonNull).toList();
    }
}
