package social.herd.media.impl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.id.IdGenerator;
import social.herd.api.jobs.JobQueue;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;
import social.herd.media.impl.db.MediaMapper;
import social.herd.media.impl.db.MediaRow;
import social.herd.media.impl.image.ImageProcessor;
import social.herd.media.impl.image.ImageProcessor.Processed;
import social.herd.media.impl.image.MediaFormat;
import social.herd.media.impl.image.UnprocessableMedia;
import social.herd.media.impl.storage.Storage;
import social.herd.media.impl.video.VideoProcessor;
import social.herd.web.api.ApiException;

/**
 * Uploads, look-ups and edits of one's own media. Small images are processed while the client
 * waits; large ones (which need a heavy resize), video, audio and animated GIFs are checked, stored
 * raw and processed by a {@link ProcessMediaJob} when the client allows it (API v2). Nothing is
 * stored for an upload that is refused, and files written for a transaction that fails are
 * removed again.
 */
@Component(service = MediaService.class)
public final class MediaService {

    private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);

    /** Mastodon's limit for images. */
    static final int MAX_IMAGE_BYTES = 16 * 1024 * 1024;
    static final int MAX_DESCRIPTION = 1500;
    /** Images above this are resized, which takes long enough to leave to a worker under API v2. */
    static final long ASYNC_ABOVE_PIXELS = ImageProcessor.MAX_OUTPUT_PIXELS;

    private final Database db;
    private final IdGenerator ids;
    private final JobQueue jobs;
    private final Storage storage;
    private final ImageProcessor images;
    private final VideoProcessor video;
    private final Clock clock;
    private final MediaViews views;

    @Activate
    public MediaService(@Reference Database db, @Reference IdGenerator ids, @Reference JobQueue jobs,
                        @Reference Storage storage, @Reference ImageProcessor images, @Reference VideoProcessor video,
                        @Reference(target = "(herd.schema=social.herd.media)") SchemaReady schema) {
        this(db, ids, jobs, storage, images, video, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public MediaService(Database db, IdGenerator ids, JobQueue jobs, Storage storage, ImageProcessor images,
                        VideoProcessor video, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.jobs = jobs;
        this.storage = storage;
        this.images = images;
        this.video = video;
        this.clock = clock;
        this.views = new MediaViews(storage);
    }

    public MediaViews views() {
        return views;
    }

    /** The largest file any upload may be (video's limit or the image limit): bounds the request body. */
    public int maxUploadBytes() {
        return Math.max(MAX_IMAGE_BYTES, video.settings().maxBytes());
    }

    /**
     * Stores an upload of {@code accountId}. With {@code mayDefer}, large images, video and audio
     * are left processing for a job; otherwise the answer is always ready.
     *
     * @param focus {@code "x,y"} or null
     * @throws ApiException 422 for anything that cannot become media
     */
    public MediaRow upload(long accountId, Upload file, String description, String focus, boolean mayDefer)
            throws InterruptedException {
        if (file == null || file.bytes().length == 0) throw ApiException.unprocessable("Validation failed: File can't be blank");
        byte[] bytes = file.bytes();
        MediaFormat format = MediaFormat.of(bytes);
        // a GIF is an image upload to Mastodon (16 MB) even when it becomes a gifv
        if (!format.isAudioVideo() && bytes.length > MAX_IMAGE_BYTES) throw tooLarge(MAX_IMAGE_BYTES);
        boolean audioVideo = format.isAudioVideo() || images.animated(bytes);
        if (audioVideo && !video.available()) throw ApiException.unprocessable(VideoProcessor.NOT_INSTALLED);
        if (format.isAudioVideo() && bytes.length > video.settings().maxBytes()) throw tooLarge(video.settings().maxBytes());
        String text = description(description);
        float[] point = focus(focus);
        MediaKeys keys = MediaKeys.random();
        List<String> written = new ArrayList<>();
        try {
            MediaRow row = audioVideo ? audioVideo(accountId, bytes, format, point, text, keys, mayDefer, written)
                    : image(accountId, bytes, point, text, keys, mayDefer, written);
            db.transaction(tx -> {
                tx.mapper(MediaMapper.class).insert(row);
                if (MediaRow.PROCESSING.equals(row.state())) {
                    jobs.enqueue(tx, JobRequest.of(Queues.DEFAULT, ProcessMediaJob.TYPE, ProcessMediaJob.payload(row.id())));
                }
                return null;
            });
            written.clear();
            return row;
        } catch (UnprocessableMedia e) {
            throw ApiException.unprocessable(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("could not store media file", e);
        } finally {
            deleteQuietly(written);
        }
    }

    /** Mastodon's answer for a file over {@code limit} bytes. */
    public static ApiException tooLarge(int limit) {
        return ApiException.unprocessable("Validation failed: File file size must be less than " + limit / (1024 * 1024) + " MB");
    }

    private MediaRow image(long accountId, byte[] bytes, float[] point, String text, MediaKeys keys, boolean mayDefer,
                           List<String> written) throws UnprocessableMedia, InterruptedException, IOException {
        ImageProcessor.Header header = images.inspect(bytes);
        if (mayDefer && (long) header.width() * header.height() > ASYNC_ABOVE_PIXELS) {
            return deferred(accountId, MediaRow.IMAGE, bytes, header.format(), point, text, keys, written);
        }
        Processed p = images.process(bytes);
        MediaRow row = MediaRow.processing(ids.nextId(), accountId, MediaRow.IMAGE, null, null, 0, point, text, clock.instant());
        return MediaFiles.storeImage(storage, row, keys, p, written);
    }

    /** Video, audio and animated GIFs: checked by ffprobe here; transcoding is the job's under API v2. */
    private MediaRow audioVideo(long accountId, byte[] bytes, MediaFormat format, float[] point, String text, MediaKeys keys,
                                boolean mayDefer, List<String> written) throws UnprocessableMedia, InterruptedException, IOException {
        if (mayDefer) {
            String type = video.inspect(bytes, format);
            return deferred(accountId, type, bytes, format, point, text, keys, written);
        }
        try (VideoProcessor.Transcoded t = video.transcode(new ByteArrayInputStream(bytes), format)) {
            MediaRow row = MediaRow.processing(ids.nextId(), accountId, t.type(), null, null, 0, point, text, clock.instant());
            return MediaFiles.storeAudioVideo(storage, row, keys, t, written);
        }
    }

    private MediaRow deferred(long accountId, String type, byte[] bytes, MediaFormat format, float[] point, String text,
                              MediaKeys keys, List<String> written) throws IOException {
        storage.put(keys.incoming(), bytes, format.mimeType);
        written.add(keys.incoming());
        return MediaRow.processing(ids.nextId(), accountId, type, keys.incoming(), format.mimeType, bytes.length, point,
                text, clock.instant());
    }

    /** One's own media; 404 for anyone else's. */
    public MediaRow get(long accountId, long id) {
        MediaRow row = db.read(tx -> tx.mapper(MediaMapper.class).byId(id));
        if (row == null || row.accountId() != accountId) throw ApiException.notFound();
        return row;
    }

    /**
     * Changes description and focal point of one's own media that no status uses yet (as Mastodon
     * does: attached media change through a status edit). A null argument keeps the value.
     */
    public MediaRow update(long accountId, long id, String description, String focus) {
        String text = description == null ? null : description(description);
        float[] point = focus == null ? null : focus(focus);
        return db.transaction(tx -> {
            MediaMapper mapper = tx.mapper(MediaMapper.class);
            MediaRow row = mapper.lock(id);
            if (row == null || row.accountId() != accountId || row.statusId() != null) throw ApiException.notFound();
            mapper.updateDescription(id, description == null ? row.description() : text,
                    point == null ? row.focusX() : point[0], point == null ? row.focusY() : point[1]);
            return mapper.byId(id);
        });
    }

    private static String description(String description) {
        if (description == null || description.isBlank()) return null;
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw ApiException.unprocessable("Validation failed: Description is too long (maximum is 1500 characters)");
        }
        return description;
    }

    /** {@code "x,y"} with both in -1..1; (0,0) when absent. */
    static float[] focus(String focus) {
        if (focus == null || focus.isBlank()) return new float[] {0, 0};
        String[] parts = focus.split(",");
        try {
            if (parts.length == 2) {
                float x = Float.parseFloat(parts[0].trim()), y = Float.parseFloat(parts[1].trim());
                if (x >= -1 && x <= 1 && y >= -1 && y <= 1) return new float[] {x, y};
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.unprocessable("Validation failed: Focus must be two numbers from -1.0 to 1.0, as \"x,y\"");
    }

    void deleteQuietly(List<String> keys) {
        for (String key : keys) {
            try {
                storage.delete(key);
            } catch (IOException | RuntimeException e) {
                // an orphaned file wastes space but harms nobody
                LOG.warn("media file not deleted key={} error={}", key, e.toString());
            }
        }
    }
}
