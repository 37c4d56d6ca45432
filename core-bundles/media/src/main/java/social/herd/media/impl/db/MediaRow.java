package social.herd.media.impl.db;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** A row of {@code media_attachments}. */
public record MediaRow(long id, long accountId, Long statusId, int position, String type, String state,
                       String incomingKey, String fileKey, String smallKey, String contentType, Long fileSize,
                       Integer width, Integer height, Integer smallWidth, Integer smallHeight,
                       float focusX, float focusY, String description, String blurhash, String failure,
                       Instant createdAt) {

    public static final String READY = "ready";
    public static final String PROCESSING = "processing";
    public static final String FAILED = "failed";

    /** The storage keys of every file of this row. */
    public List<String> keys() {
        return Stream.of(incomingKey, fileKey, smallKey).filter(Objects::nonNull).toList();
    }
}
