package social.herd.media.impl.video;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.config.ServerSettings;
import social.herd.media.impl.image.ImageProcessor;
import social.herd.media.impl.image.MediaFormat;
import social.herd.media.impl.image.UnprocessableMedia;

/**
 * Video, audio and animated GIFs through ffmpeg, when it is installed: {@link #inspect} checks an
 * upload with ffprobe against the limits of {@link VideoSettings}; {@link #transcode} turns it into
 * what is stored (H.264/AAC MP4 for video, MP4 without sound for gifv, MP3 for audio) with a
 * preview frame and its blurhash. Every file lives in a {@link WorkDir} under
 * {@code <data_dir>/tmp}. ffmpeg opens only the container that the upload's own bytes announce,
 * and only plain files, so a crafted upload cannot make it read playlists, URLs or local files.
 */
@Component(service = VideoProcessor.class, configurationPid = VideoSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class VideoProcessor {

    /** The answer for video and audio when ffmpeg is missing. */
    public static final String NOT_INSTALLED =
            "Video and audio uploads are not supported on this server (ffmpeg is not installed)";

    private static final Logger LOG = LoggerFactory.getLogger(VideoProcessor.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PROBE_OUTPUT = 1024 * 1024;

    /** The stored result; closing it removes its files (store them first). */
    public record Transcoded(WorkDir work, String type, Path file, String contentType, String extension,
                             Integer width, Integer height, double duration, String frameRate, long bitrate,
                             ImageProcessor.Preview preview) implements AutoCloseable {
        @Override
        public void close() {
            work.close();
        }
    }

    private final VideoSettings settings;
    private final Path tmpRoot;
    private final ImageProcessor images;
    private final Ffmpeg ffmpeg;
    /** Transcoding takes cores and memory: a few at a time per node, the rest wait. */
    private final Semaphore transcoding = new Semaphore(2, true);

    @Activate
    public VideoProcessor(@Reference ServerSettings server, @Reference ImageProcessor images, Map<String, Object> properties) {
        this(VideoSettings.from(properties), server.dataDir().resolve("tmp"), images);
    }

    /** For tests and embedding: work folders below {@code tmpRoot}. */
    public VideoProcessor(VideoSettings settings, Path tmpRoot, ImageProcessor images) {
        this.settings = settings;
        this.tmpRoot = tmpRoot.toAbsolutePath().normalize();
        this.images = images;
        WorkDir.sweep(this.tmpRoot, settings.timeout().multipliedBy(2));
        this.ffmpeg = Ffmpeg.locate(settings, this.tmpRoot);
    }

    /** True when ffmpeg and ffprobe were found and run. */
    public boolean available() {
        return ffmpeg.available();
    }

    public VideoSettings settings() {
        return settings;
    }

    /**
     * Checks an upload without transcoding it.
     *
     * @return the Mastodon type it becomes: {@code video}, {@code gifv} or {@code audio}
     * @throws UnprocessableMedia with the API's message: not installed, unreadable, over a limit
     */
    public String inspect(byte[] bytes, MediaFormat format) throws UnprocessableMedia, InterruptedException, IOException {
        requireAvailable();
        try (WorkDir work = WorkDir.create(tmpRoot)) {
            Path input = work.file("input");
            Files.write(input, bytes);
            return type(format, check(probe(work, input, format.demuxer)));
        }
    }

    /** Transcodes the upload read from {@code in}; the caller stores the result and closes it. */
    public Transcoded transcode(InputStream in, MediaFormat format) throws UnprocessableMedia, InterruptedException, IOException {
        requireAvailable();
        WorkDir work = WorkDir.create(tmpRoot);
        try {
            Path input = work.file("input");
            Files.copy(in, input);
            Probe probe = check(probe(work, input, format.demuxer));
            String type = type(format, probe);
            boolean audio = type.equals("audio");
            Path output = work.file(audio ? "output.mp3" : "output.mp4");
            transcoding.acquire();
            try {
                run(work, Commands.transcode(format.demuxer, input, output, type, probe, settings.maxDuration()));
            } finally {
                transcoding.release();
            }
            Probe stored = probe(work, output, audio ? "mp3" : "mov");
            ImageProcessor.Preview preview = null;
            if (!audio) {
                Path frame = work.file("frame.png");
                run(work, Commands.firstFrame(output, frame));
                preview = images.preview(Files.readAllBytes(frame));
            }
            Transcoded result = new Transcoded(work, type, output, audio ? "audio/mpeg" : "video/mp4", audio ? "mp3" : "mp4",
                    stored.hasVideo() ? stored.video().width() : null, stored.hasVideo() ? stored.video().height() : null,
                    stored.duration(), stored.hasVideo() ? stored.video().frameRate() : null, stored.bitrate(), preview);
            work = null; // handed over
            return result;
        } finally {
            if (work != null) work.close();
        }
    }

    private void requireAvailable() throws UnprocessableMedia {
        if (!ffmpeg.available()) throw new UnprocessableMedia(NOT_INSTALLED);
    }

    private Probe probe(WorkDir work, Path file, String demuxer) throws UnprocessableMedia, InterruptedException, IOException {
        try {
            return Probe.parse(ffmpeg.ffprobe(work, PROBE_TIMEOUT, Commands.probe(demuxer, file), MAX_PROBE_OUTPUT));
        } catch (Ffmpeg.Failure e) {
            LOG.debug("ffprobe refused an upload demuxer={} error={} stderr={}", demuxer, e.getMessage(), e.stderr);
            throw new UnprocessableMedia("The file could not be read as video or audio");
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnprocessableMedia("The file could not be read as video or audio");
        }
    }

    private Probe check(Probe p) throws UnprocessableMedia {
        if (!p.hasVideo() && !p.hasAudio()) throw new UnprocessableMedia("The file contains neither video nor audio");
        if (p.hasVideo() && (long) p.video().width() * p.video().height() > settings.maxPixels()) {
            throw new UnprocessableMedia("The video is too large: " + p.video().width() + "x" + p.video().height()
                    + " exceeds " + settings.maxPixels() + " pixels");
        }
        if (p.duration() > settings.maxDuration().toSeconds()) {
            throw new UnprocessableMedia(String.format(Locale.ROOT, "The file is too long: %.1f s exceeds %d s",
                    p.duration(), settings.maxDuration().toSeconds()));
        }
        return p;
    }

    /** What Mastodon calls it: animated GIFs are gifv, sound-only files (cover art aside) audio. */
    private static String type(MediaFormat format, Probe p) throws UnprocessableMedia {
        if (format == MediaFormat.GIF) {
            if (!p.hasVideo()) throw new UnprocessableMedia("The image could not be read");
            return "gifv";
        }
        boolean audioOnly = format == MediaFormat.MP3 || format == MediaFormat.WAV || format == MediaFormat.FLAC;
        if (!audioOnly && p.hasVideo()) return "video";
        if (!p.hasAudio()) throw new UnprocessableMedia("The file contains neither video nor audio");
        return "audio";
    }

    private void run(WorkDir work, List<String> args) throws UnprocessableMedia, InterruptedException, IOException {
        try {
            ffmpeg.ffmpeg(work, settings.timeout(), args);
        } catch (Ffmpeg.Failure e) {
            LOG.debug("ffmpeg failed error={} stderr={}", e.getMessage(), e.stderr);
            if (e.timedOut) LOG.warn("ffmpeg killed after timeout_seconds={}", settings.timeout().toSeconds());
            throw new UnprocessableMedia(e.timedOut ? "Processing the file took too long" : "The file could not be processed");
        }
    }
}
