package social.herd.media.impl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.jobs.Job;
import social.herd.api.jobs.JobHandler;
import social.herd.media.impl.db.MediaMapper;
import social.herd.media.impl.db.MediaRow;
import social.herd.media.impl.image.ImageProcessor;
import social.herd.media.impl.image.ImageProcessor.Processed;
import social.herd.media.impl.image.UnprocessableMedia;
import social.herd.media.impl.storage.Storage;
import social.herd.web.api.Json;

/**
 * Processes an upload that was left {@code processing}: reads the raw file from storage, writes
 * the original and preview, marks the row ready and removes the raw file. Idempotent: a row that is
 * gone or no longer processing is left alone, and files of a lost race are removed again. An image
 * that cannot be processed marks the row failed (retrying would not help).
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE + "=" + ProcessMediaJob.TYPE)
public final class ProcessMediaJob implements JobHandler {

    static final String TYPE = "media.process";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessMediaJob.class);

    private final Database db;
    private final Storage storage;
    private final ImageProcessor images;

    @Activate
    public ProcessMediaJob(@Reference Database db, @Reference Storage storage, @Reference ImageProcessor images,
                           @Reference(target = "(herd.schema=social.herd.media)") SchemaReady schema) {
        this(db, storage, images);
    }

    /** For tests and embedding. */
    public ProcessMediaJob(Database db, Storage storage, ImageProcessor images) {
        this.db = db;
        this.storage = storage;
        this.images = images;
    }

    static String payload(long mediaId) {
        return Json.write(java.util.Map.of("id", Long.toString(mediaId)));
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = Json.mapper().readTree(job.payload());
        long id = Long.parseLong(payload.path("id").asText());
        MediaRow row = db.read(tx -> tx.mapper(MediaMapper.class).byId(id));
        if (row == null || !MediaRow.PROCESSING.equals(row.state()) || row.incomingKey() == null) return;
        byte[] raw;
        try (InputStream in = storage.get(row.incomingKey())) {
            raw = in.readAllBytes();
        }
        Processed p;
        try {
            p = images.process(raw);
        } catch (UnprocessableMedia e) {
            db.transaction(tx -> tx.mapper(MediaMapper.class).markFailed(id, e.getMessage()));
            storage.delete(row.incomingKey());
            LOG.debug("media processing failed media_id={} reason={}", id, e.getMessage());
            return;
        }
        MediaKeys keys = new MediaKeys(row.incomingKey().substring(0, row.incomingKey().length() - ".upload".length()));
        List<String> written = new ArrayList<>();
        try {
            String original = keys.original(p.original().extension()), small = keys.small(p.small().extension());
            storage.put(original, p.original().bytes(), p.original().contentType());
            written.add(original);
            storage.put(small, p.small().bytes(), p.small().contentType());
            written.add(small);
            MediaRow done = new MediaRow(id, row.accountId(), null, 0, row.type(), MediaRow.READY, null, original, small,
                    p.original().contentType(), (long) p.original().bytes().length, p.original().width(),
                    p.original().height(), p.small().width(), p.small().height(), row.focusX(), row.focusY(),
                    row.description(), p.blurhash(), null, row.createdAt());
            int updated = db.transaction(tx -> tx.mapper(MediaMapper.class).markReady(done));
            // deleted meanwhile (cleanup) or done by an earlier run of this job: our files are surplus
            if (updated == 1) written.clear();
        } finally {
            for (String key : written) storage.delete(key);
        }
        storage.delete(row.incomingKey());
    }
}
