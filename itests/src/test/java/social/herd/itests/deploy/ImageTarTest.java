package social.herd.itests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image the build writes to {@code distribution/image/target/herd-image.tar} (Jib,
 * FROM scratch, Docker tar layout): its configuration, and the files its layers hold. When the tests
 * run as root, the image's entrypoint also runs from the unpacked layers in a chroot.
 */
class ImageTarTest {

    static final Path TAR = Path.of(System.getProperty("herd.image.tar", "../distribution/image/target/herd-image.tar"));
    static final List<String> ENTRYPOINT = List.of("/opt/java/bin/java", "-Xms32m", "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k", "--sun-misc-unsafe-memory-access=allow",
            "-Dherd.home=/opt/herd", "-Dlogback.configurationFile=/opt/herd/conf/logback.xml", "-cp", "/opt/herd/lib/*",
            "social.herd.launcher.Main");

    record Entry(String name, char type, int mode, int uid, int gid, long size, byte[] content) {
        boolean executable() {
            return (mode & 0111) == 0111;
        }

        Entry withContent(byte[] bytes) {
            return new Entry(name, type, mode, uid, gid, size, bytes);
        }
    }

    private static JsonNode manifest;
    private static JsonNode config;
    /** layer file name (as in manifest.json) to its entries, path without leading slash */
    private static final Map<String, Map<String, Entry>> LAYERS = new HashMap<>();
    /** all layers, later layers over earlier ones, as a container runtime would see them */
    private static final Map<String, Entry> FILES = new LinkedHashMap<>();

    @BeforeAll
    static void readImage() throws IOException {
        assertThat(TAR).as("the image tar (built by distribution/image in mvn install)").isRegularFile();
        ObjectMapper json = new ObjectMapper();
        Map<String, byte[]> small = new HashMap<>();
        try (InputStream in = Files.newInputStream(TAR)) {
            readTar(in, (e, body) -> {
                if (e.name().endsWith(".tar.gz")) {
                    Map<String, Entry> entries = new LinkedHashMap<>();
                    readTar(new GZIPInputStream(body), (inner, innerBody) -> entries.put(inner.name(), inner.withContent(
                            inner.name().equals("etc/passwd") || inner.name().equals("etc/group") ? innerBody.readAllBytes() : null)));
                    LAYERS.put(e.name(), entries);
                } else {
                    small.put(e.name(), body.readAllBytes());
                }
            });
        }
        manifest = json.readTree(small.get("manifest.json")).get(0);
        config = json.readTree(small.get(manifest.get("Config").asText()));
        for (JsonNode layer : manifest.get("Layers")) {
            assertThat(LAYERS).containsKey(layer.asText());
            FILES.putAll(LAYERS.get(layer.asText()));
        }
    }

    @Test
    void runsJavaWithTheLauncherAsEntrypointAndRunAsCommand() {
        JsonNode c = config.get("config");
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.get("architecture").asText()).isEqualTo("amd64");
        assertThat(strings(c.get("Entrypoint"))).containsExactlyElementsOf(ENTRYPOINT);
        assertThat(strings(c.get("Cmd"))).containsExactly("run");
        assertThat(c.get("User").asText()).isEqualTo("10001:10001");
        assertThat(c.get("WorkingDir").asText()).isEqualTo("/opt/herd");
        assertThat(fieldNames(c.get("ExposedPorts"))).containsExactly("8080/tcp");
        assertThat(fieldNames(c.get("Volumes"))).containsExactlyInAnyOrder("/opt/herd/data", "/opt/herd/deploy", "/tmp");
        assertThat(strings(c.get("Env"))).contains("HERD_BIND=0.0.0.0", "JAVA_HOME=/opt/java", "PATH=/opt/java/bin:/usr/bin:/bin");
        JsonNode labels = c.get("Labels");
        assertThat(labels.get("org.opencontainers.image.licenses").asText()).isEqualTo("AGPL-3.0-only");
        assertThat(labels.get("org.opencontainers.image.title").asText()).isEqualTo("Herd");
        assertThat(labels.get("org.opencontainers.image.version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(labels.get("social.herd.health.ready").asText()).isEqualTo("/health/ready");
        // reproducible: a fixed creation time
        assertThat(config.get("created").asText()).startsWith("1970-01-01T00:00:00");
    }

    @Test
    void layersHoldTheJreGlibcAndTheRuntimeFolder() {
        assertThat(manifest.get("Layers")).hasSize(3);
        assertThat(FILES.get("opt/java/bin/java")).satisfies(e -> assertThat(e.executable()).isTrue());
        assertThat(FILES).containsKeys("opt/java/lib/modules", "opt/java/lib/server/libjvm.so", "opt/java/lib/security/cacerts");
        assertThat(FILES.get("opt/java/lib/jspawnhelper").executable()).isTrue();
        assertThat(FILES.get("lib64/ld-linux-x86-64.so.2").executable()).isTrue();
        assertThat(FILES.keySet()).anyMatch(n -> n.matches("(usr/)?lib/x86_64-linux-gnu/libc\\.so\\.6"));
        assertThat(FILES.keySet()).anyMatch(n -> n.matches("(usr/)?lib/x86_64-linux-gnu/libstdc\\+\\+\\.so\\.6"));
        assertThat(FILES.get("bin/sh").executable()).isTrue();
        assertThat(FILES).containsKey("usr/lib/locale/C.utf8/LC_CTYPE");
        assertThat(FILES).containsKeys("opt/herd/lib/herd-launcher.jar", "opt/herd/conf/herd.yaml", "opt/herd/conf/logback.xml");
        assertThat(FILES.keySet().stream().filter(n -> n.matches("opt/herd/system/\\d+/.+\\.jar"))).hasSizeGreaterThan(50);
        // nothing of the module itself (Jib's /app) and nothing a local run left in data/ or deploy/
        assertThat(FILES.keySet()).noneMatch(n -> n.startsWith("app/") || n.equals("app"));
        assertThat(FILES.keySet()).noneMatch(n -> n.startsWith("opt/herd/data/") || n.startsWith("opt/herd/deploy/"));
        // every regular file is a regular file: no symlinks, no device files
        assertThat(FILES.values()).allMatch(e -> e.type() == '0' || e.type() == '5', "regular files and directories only");
    }

    @Test
    void runsAsHerdAndWritesOnlyToItsVolumes() {
        assertThat(new String(FILES.get("etc/passwd").content(), StandardCharsets.UTF_8)).contains("herd:x:10001:10001:");
        assertThat(new String(FILES.get("etc/group").content(), StandardCharsets.UTF_8)).contains("herd:x:10001:");
        assertThat(FILES).containsKey("etc/nsswitch.conf");
        // the volumes are writable for uid 10001: its own, or writable for everyone (Jib cannot
        // set an owner without an extension the Maven mirror here lacks)
        for (String dir : List.of("opt/herd/data", "opt/herd/deploy")) {
            Entry e = FILES.get(dir);
            assertThat(e.type()).as(dir).isEqualTo('5');
            assertThat(e.uid() == 10001 && (e.mode() & 0700) == 0700 || (e.mode() & 0777) == 0777).as(dir + " writable by 10001").isTrue();
        }
        assertThat(FILES.get("tmp").mode() & 0777).isEqualTo(0777);
        // everything else belongs to root and is not writable by the user
        assertThat(FILES.values().stream().filter(e -> !e.name().matches("opt/herd/(data|deploy)|tmp")))
                .allMatch(e -> e.uid() == 0 && (e.mode() & 0022) == 0, "root-owned, not group/world-writable");
    }

    /**
     * The entrypoint from the image's configuration, run from the unpacked layers as user 10001:
     * {@code version} needs the JRE, glibc and the launcher's class path, and nothing else. Needs
     * root (chroot), as on CI; fails otherwise rather than passing unrun.
     */
    @Test
    void entrypointPrintsTheVersionFromTheUnpackedLayers() throws Exception {
        Path chroot = Stream.of("/usr/sbin/chroot", "/usr/bin/chroot").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        Path unshare = Stream.of("/usr/bin/unshare", "/bin/unshare").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        // not skipped when missing: a test that quietly does not run proves nothing (CI runs as root)
        assertThat(chroot != null && unshare != null && "root".equals(System.getProperty("user.name")))
                .as("this test needs root, chroot and unshare (as on CI); run the suite as root").isTrue();
        Path work = Files.createTempDirectory("herd-image-");
        try {
            Path blobs = Files.createDirectories(work.resolve("blobs")), root = Files.createDirectories(work.resolve("root"));
            run(List.of("tar", "-xf", TAR.toAbsolutePath().toString(), "-C", blobs.toString()), 60);
            for (JsonNode layer : manifest.get("Layers")) {
                run(List.of("tar", "--warning=no-unknown-keyword", "-xzpf", blobs.resolve(layer.asText()).toString(),
                        "-C", root.toString()), 60);
            }
            // a container runtime mounts /proc; the JVM's launcher needs it ($ORIGIN of libjli.so)
            Files.createDirectories(root.resolve("proc"));
            List<String> command = new ArrayList<>(List.of(unshare.toString(), "--mount-proc=" + root.resolve("proc"),
                    chroot.toString(), "--userspec=10001:10001", root.toString()));
            command.addAll(strings(config.get("config").get("Entrypoint")));
            command.add("version");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().clear();
            for (String kv : strings(config.get("config").get("Env"))) {
                pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("version within 10 s").isTrue();
            String version = config.get("config").get("Labels").get("org.opencontainers.image.version").asText();
            assertThat(new String(out, StandardCharsets.UTF_8).strip()).isEqualTo("Herd " + version);
            assertThat(p.exitValue()).isZero();
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void run(List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + new String(out, StandardCharsets.UTF_8)).isZero();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    // ---- a small tar reader (ustar with PAX and GNU long names: what Jib's commons-compress writes) ----

    interface EntryHandler {
        void accept(Entry entry, InputStream body) throws IOException;
    }

    private static void readTar(InputStream in, EntryHandler handler) throws IOException {
        byte[] header = new byte[512];
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        while (true) {
            if (!readBlock(in, header)) return;
            if (isZero(header)) return;
            String name = text(header, 0, 100);
            String prefix = "ustar".equals(text(header, 257, 5)) ? text(header, 345, 155) : "";
            if (!prefix.isEmpty()) name = prefix + "/" + name;
            char type = header[156] == 0 ? '0' : (char) header[156];
            long size = octal(header, 124, 12);
            int mode = (int) octal(header, 100, 8), uid = (int) octal(header, 108, 8), gid = (int) octal(header, 116, 8);
            if (pax.containsKey("size")) size = Long.parseLong(pax.get("size"));
            InputStream body = new Bounded(in, size);
            if (type == 'x') {
                pax = parsePax(body.readAllBytes());
            } else if (type == 'g') {
                body.readAllBytes();
            } else if (type == 'L') {
                longName = new String(body.readAllBytes(), StandardCharsets.UTF_8).replace("\0", "");
            } else {
                if (longName != null) name = longName;
                if (pax.containsKey("path")) name = pax.get("path");
                if (pax.containsKey("uid")) uid = Integer.parseInt(pax.get("uid"));
                if (pax.containsKey("gid")) gid = Integer.parseInt(pax.get("gid"));
                String clean = name.replaceFirst("^(\\./|/)+", "").replaceFirst("/+$", "");
                handler.accept(new Entry(clean, type, mode, uid, gid, size, null), body);
                body.readAllBytes();
                pax = new HashMap<>();
                longName = null;
            }
            long pad = (512 - size % 512) % 512;
            in.skipNBytes(pad);
        }
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, block.length);
        if (n == 0) return false;
        if (n < block.length) throw new EOFException("truncated tar header");
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) if (b != 0) return false;
        return true;
    }

    private static String text(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) end++;
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len) {
        String s = text(h, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    /** PAX extended header records: {@code "<length> <key>=<value>\n"}, length in bytes. */
    private static Map<String, String> parsePax(byte[] data) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < data.length) {
            int space = i;
            while (data[space] != ' ') space++;
            int len = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
            String record = new String(data, space + 1, i + len - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            out.put(record.substring(0, eq), record.substring(eq + 1));
            i += len;
        }
        return out;
    }

    /** At most {@code remaining} bytes of the underlying stream; never closes it. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long size) {
            super(in);
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) return -1;
            int b = super.read();
            if (b >= 0) remaining--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) return -1;
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) remaining -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(remaining, super.available());
        }

        @Override
        public void close() {
            // the outer stream stays open
        }
    }

}
