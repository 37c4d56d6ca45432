package social.herd.media.impl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
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
import social.herd.media.impl.image.MediaFormat;
import social.herd.media.impl.image.UnprocessableMedia;
import social.herd.media.impl.storage.Storage;
import social.herd.media.impl.video.VideoProcessor;
import social.herd.web.api.Json;

/**
 * Processes an upload that was left {@code processing}: reads the raw file from storage, writes
 * the processed files (image original and preview; transcoded video or audio and a preview frame),
 * marks the row ready and removes the raw file. Idempotent: a row that is gone or no longer
 * processing is left alone, and files of a lost race are removed again. An upload that cannot be
 * processed marks the row failed (retrying would not help); storage errors are retried.
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE + "=" + ProcessMediaJob.TYPE)
public final class ProcessMediaJob implements JobHandler {

    static final String TYPE = "media.process";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessMediaJob.class);

    private final Database db;
    private final Storage storage;
    private final ImageProcessor images;
    private final VideoProcessor video;

    @Activate
    public ProcessMediaJob(@Reference Database db, @Reference Storage storage, @Reference ImageProcessor images,
                           @Reference VideoProcessor video,
                           @Reference(target = "(herd.schema=social.herd.media)") SchemaReady schema) {
        this(db, storage, images, video);
    }

    /** For tests and embedding. */
    public ProcessMediaJob(Database db, Storage storage, ImageProcessor images, VideoProcessor video) {
        this.db = db;
        this.storage = storage;
        this.images = images;
        this.video = video;
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
        MediaKeys keys = MediaKeys.ofIncoming(row.incomingKey());
        List<String> written = new ArrayList<>();
        try {
            MediaRow done = MediaRow.IMAGE.equals(row.type()) ? image(row, keys, written) : audioVideo(row, keys, written);
            int updated = db.transaction(tx -> tx.mapper(MediaMapper.class).markReady(done));
            // deleted meanwhile (cleanup) or done by an earlier run of this job: our files are surplus
            if (updated == 1) written.clear();
        } catch (UnprocessableMedia e) {
            db.transaction(tx -> tx.mapper(MediaMapper.class).markFailed(id, e.getMessage()));
            LOG.debug("media processing failed media_id={} type={} reason={}", id, row.type(), e.getMessage());
        } finally {
            for (String key : written) storage.delete(key);
        }
        storage.delete(row.incomingKey());
    }

    private MediaRow image(MediaRow row, MediaKeys keys, List<String> written)
            throws IOException, UnprocessableMedia, InterruptedException {
        byte[] raw;
        try (InputStream in = storage.get(row.incomingKey())) {
            raw = in.readAllBytes();
        }
        Processed p = images.process(raw);
        return MediaFiles.storeImage(storage, row, keys, p, written);
    }

    /** Streams the raw file into ffmpeg's work folder: a video is never held in memory whole. */
    private MediaRow audioVideo(MediaRow row, MediaKeys keys, List<String> written)
            throws IOException, UnprocessableMedia, InterruptedException {
        try (InputStream in = new BufferedInputStream(storage.get(row.incomingKey()))) {
            in.mark(64);
            MediaFormat format = MediaFormat.of(in.readNBytes(64));
            in.reset();
            try (VideoProcessor.Transcoded t = video.transcode(in, format)) {
                return MediaFiles.storeAudioVideo(storage, row, keys, t, written);
            }
        }
    }
}
