package social.herd.media.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import social.herd.api.jobs.Job;
import social.herd.media.impl.image.ImageProcessor;
import social.herd.media.impl.storage.LocalStorage;
import social.herd.media.impl.storage.Storage;
import social.herd.media.impl.video.VideoProcessor;
import social.herd.media.impl.video.VideoSettings;
import social.herd.platform.impl.db.PooledDataSource;
import social.herd.platform.impl.db.TxDatabase;
import social.herd.platform.impl.id.TimeSortableIdGenerator;
import social.herd.platform.impl.jobs.PostgresJobQueue;
import social.herd.platform.impl.migrate.MigrationFiles;
import social.herd.platform.impl.migrate.MigrationRunner;
import social.herd.testing.TestPostgres;

/**
 * The bundle's components wired as DS would wire them, on a fresh real PostgreSQL database with
 * the platform's and this bundle's real migrations, the real job queue, files on disk under a
 * temporary data directory (or another storage), and ffmpeg as the settings find it.
 */
final class Fixture implements AutoCloseable {

    static final String SYSTEM_URL = "https://social.example/system/";

    final Path dataDir;
    final PooledDataSource ds;
    final TxDatabase db;
    final TimeSortableIdGenerator ids = new TimeSortableIdGenerator();
    final PostgresJobQueue jobs;
    final Storage storage;
    final ImageProcessor images = new ImageProcessor();
    final VideoProcessor video;
    final MediaService media;
    final MediaAttachmentsComponent attachments;
    final ProcessMediaJob processJob;

    Fixture(Path dataDir) {
        this(dataDir, null, VideoSettings.defaults());
    }

    /** With {@code storage} (null: local disk under {@code dataDir}) and ffmpeg as {@code video} says. */
    Fixture(Path dataDir, Storage storage, VideoSettings video) {
        this.dataDir = dataDir;
        ds = new PooledDataSource(Map.of("url", TestPostgres.freshDatabase(), "user", "postgres", "pool_size", 4));
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("social.herd.platform", MigrationFiles.platform());
        runner.migrate("social.herd.media", MigrationFiles.in(Path.of("target/classes/db/migration")));
        db = new TxDatabase(ds);
        jobs = new PostgresJobQueue(db, ids);
        this.storage = storage == null ? new LocalStorage(dataDir, SYSTEM_URL) : storage;
        this.video = new VideoProcessor(video, dataDir.resolve("tmp"), images);
        media = new MediaService(db, ids, jobs, this.storage, images, this.video, Clock.systemUTC());
        attachments = new MediaAttachmentsComponent(db, media);
        processJob = new ProcessMediaJob(db, this.storage, images, this.video);
    }

    /** The cleanup task as if it ran at {@code now}. */
    MediaCleanupTask cleanupAt(Instant now) {
        return new MediaCleanupTask(db, media, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Runs the queued media jobs once, as a worker would, and removes them from the queue. */
    int runMediaJobs() throws Exception {
        List<Job> due = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, queue, type, payload FROM herd_jobs WHERE type = 'media.process' ORDER BY id")) {
            while (rs.next()) due.add(new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), 1, Instant.now()));
        }
        for (Job job : due) {
            processJob.handle(job);
            exec("DELETE FROM herd_jobs WHERE id = " + job.id());
        }
        return due.size();
    }

    @Override
    public void close() {
        ds.close();
    }

    long count(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    String string(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    void exec(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
            s.execute();
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every regular file below {@code <data_dir>/<folder>}. */
    List<Path> files(String folder) {
        Path dir = dataDir.resolve(folder);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file behind a {@code /system/...} URL. */
    Path fileOf(String url) {
        return dataDir.resolve("media").resolve(url.substring(SYSTEM_URL.length()));
    }


}
