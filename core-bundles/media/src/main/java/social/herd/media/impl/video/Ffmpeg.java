package social.herd.media.impl.video;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ffmpeg and ffprobe executables, found once, and how they are run: as external processes
 * in a {@link WorkDir} (also their working directory and {@code TMPDIR}), output to files there
 * (no pipes to drain, no threads), and killed with their children when the time is up or the
 * caller is interrupted.
 */
final class Ffmpeg {

    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    private static final Duration VERSION_CHECK = Duration.ofSeconds(15);

    /** A run that failed: non-zero exit or killed after the timeout. {@code stderr} is its last lines. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean timedOut;
        final String stderr;

        Failure(boolean timedOut, String message, String stderr) {
            super(message, null, false, false);
            this.timedOut = timedOut;
            this.stderr = stderr;
        }
    }

    private final Path ffmpeg;
    private final Path ffprobe;
    private final String version;

    private Ffmpeg(Path ffmpeg, Path ffprobe, String version) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.version = version;
    }

    /** Finds both executables and checks that ffmpeg runs; "not installed" when either is missing. */
    static Ffmpeg locate(VideoSettings settings, Path tmpRoot) {
        Path ffmpeg = executable(settings.ffmpegPath()), ffprobe = executable(settings.ffprobePath());
        if (ffmpeg == null || ffprobe == null) {
            LOG.info("ffmpeg not installed, video and audio uploads are refused ffmpeg={} ffprobe={}",
                    ffmpeg == null ? "missing:" + settings.ffmpegPath() : ffmpeg,
                    ffprobe == null ? "missing:" + settings.ffprobePath() : ffprobe);
            return new Ffmpeg(null, null, null);
        }
        try (WorkDir work = WorkDir.create(tmpRoot)) {
            Path out = work.file("version.txt");
            run(work, VERSION_CHECK, List.of(ffmpeg.toString(), "-hide_banner", "-version"), out);
            String first = Files.readString(out, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (!first.startsWith("ffmpeg version ")) throw new IOException("not ffmpeg: -version printed no ffmpeg version");
            String version = first.split(" ")[2];
            LOG.info("ffmpeg found path={} version={}", ffmpeg, version);
            return new Ffmpeg(ffmpeg, ffprobe, version);
        } catch (IOException | Failure e) {
            LOG.warn("ffmpeg does not run, video and audio uploads are refused path={} error={}", ffmpeg, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Ffmpeg(null, null, null);
    }

    boolean available() {
        return ffmpeg != null;
    }

    String version() {
        return version;
    }

    /** Runs ffmpeg with {@code args}; fails unless it exits with 0 in time. */
    void ffmpeg(WorkDir work, Duration timeout, List<String> args) throws Failure, IOException, InterruptedException {
        run(work, timeout, command(ffmpeg, args), null);
    }

    /** Runs ffprobe with {@code args} and answers what it printed (at most {@code maxBytes}). */
    String ffprobe(WorkDir work, Duration timeout, List<String> args, int maxBytes)
            throws Failure, IOException, InterruptedException {
        Path out = work.file("probe-" + System.nanoTime() + ".json");
        run(work, timeout, command(ffprobe, args), out);
        if (Files.size(out) > maxBytes) throw new Failure(false, "ffprobe printed more than " + maxBytes + " bytes", "");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static List<String> command(Path executable, List<String> args) {
        if (executable == null) throw new IllegalStateException("ffmpeg is not installed");
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable.toString());
        command.addAll(args);
        return command;
    }

    private static void run(WorkDir work, Duration timeout, List<String> command, Path stdout)
            throws Failure, IOException, InterruptedException {
        Path stderr = Files.createTempFile(work.path(), "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.path().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
        builder.environment().put("TMPDIR", work.path().toString());
        Process process = builder.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        if (!finished) {
            kill(process);
            throw new Failure(true, command.get(0) + " did not finish within " + timeout.toSeconds() + " s", tail(stderr));
        }
        if (process.exitValue() != 0) {
            throw new Failure(false, command.get(0) + " exited with " + process.exitValue(), tail(stderr));
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The last 2 KB of a file, for a debug line about a failure. */
    private static String tail(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - 2048);
            byte[] b = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8).strip().replace('\n', '|');
        } catch (IOException e) {
            return "";
        }
    }

    /** A path (containing '/') as given, or a name looked up on the PATH; null when not executable. */
    static Path executable(String nameOrPath) {
        if (nameOrPath.contains("/")) {
            Path p = Path.of(nameOrPath);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p.toAbsolutePath() : null;
        }
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, nameOrPath);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p.toAbsolutePath();
        }
        return null;
    }
}
