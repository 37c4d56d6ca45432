package social.herd.media.impl;

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
import social.herd.media.impl.image.UnprocessableMedia;
import social.herd.media.impl.storage.Storage;
import social.herd.web.api.ApiException;

/**
 * Uploads, look-ups and edits of one's own media. Small images are processed while the client
 * waits; large ones (which need a heavy resize) are checked, stored raw and processed by a
 * {@link ProcessMediaJob} when the client allows it (API v2). Nothing is stored for an upload that
 * is refused, and files written for a transaction that fails are removed again.
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
    private final Clock clock;
    private final MediaViews views;

    @Activate
    public MediaService(@Reference Database db, @Reference IdGenerator ids, @Reference JobQueue jobs,
                        @Reference Storage storage, @Reference ImageProcessor images,
                        @Reference(target = "(herd.schema=social.herd.media)") SchemaReady schema) {
        this(db, ids, jobs, storage, images, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public MediaService(Database db, IdGenerator ids, JobQueue jobs, Storage storage, ImageProcessor images, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.jobs = jobs;
        this.storage = storage;
        this.images = images;
        this.clock = clock;
        this.views = new MediaViews(storage);
    }

    public MediaViews views() {
        return views;
    }

    /**
     * Stores an upload of {@code accountId}. With {@code mayDefer}, large images are left processing
     * for a job; otherwise the answer is always ready.
     *
     * @param focus {@code "x,y"} or null
     * @throws ApiException 422 for anything that cannot become media
     */
    public MediaRow upload(long accountId, Upload file, String description, String focus, boolean mayDefer)
            throws InterruptedException {
        if (file == null || file.bytes().length == 0) throw ApiException.unprocessable("Validation failed: File can't be blank");
        if (file.bytes().length > MAX_IMAGE_BYTES) {
            throw ApiException.unprocessable("Validation failed: File file size must be less than 16 MB");
        }
        String text = description(description);
        float[] point = focus(focus);
        MediaKeys keys = MediaKeys.random();
        List<String> written = new ArrayList<>();
        try {
            ImageProcessor.Header header = images.inspect(file.bytes());
            MediaRow row;
            if (mayDefer && (long) header.width() * header.height() > ASYNC_ABOVE_PIXELS) {
                put(keys.incoming(), file.bytes(), header.format().mimeType, written);
                row = new MediaRow(ids.nextId(), accountId, null, 0, "image", MediaRow.PROCESSING, keys.incoming(),
                        null, null, header.format().mimeType, (long) file.bytes().length, null, null, null, null,
                        point[0], point[1], text, null, null, clock.instant());
            } else {
                Processed p = images.process(file.bytes());
                put(keys.original(p.original().extension()), p.original().bytes(), p.original().contentType(), written);
                put(keys.small(p.small().extension()), p.small().bytes(), p.small().contentType(), written);
                row = new MediaRow(ids.nextId(), accountId, null, 0, "image", MediaRow.READY, null, written.get(0),
                        written.get(1), p.original().contentType(), (long) p.original().bytes().length,
                        p.original().width(), p.original().height(), p.small().width(), p.small().height(),
                        point[0], point[1], text, p.blurhash(), null, clock.instant());
            }
            MediaRow stored = row;
            db.transaction(tx -> {
                tx.mapper(MediaMapper.class).insert(stored);
                if (MediaRow.PROCESSING.equals(stored.state())) {
                    jobs.enqueue(tx, JobRequest.of(Queues.DEFAULT, ProcessMediaJob.TYPE, ProcessMediaJob.payload(stored.id())));
                }
                return null;
            });
            written.clear();
            return row;
        } catch (UnprocessableMedia e) {
            throw ApiException.unprocessable(e.getMessage());
        } finally {
            deleteQuietly(written);
        }
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

    private void put(String key, byte[] bytes, String type, List<String> written) {
        try {
            storage.put(key, bytes, type);
            written.add(key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store media file", e);
        }
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
