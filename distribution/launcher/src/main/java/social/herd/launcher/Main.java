package social.herd.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/herd}: {@code run} starts the server, {@code version} prints the version,
 * {@code check-config} only validates the configuration. Exit codes: 0 fine, 2 bad configuration
 * or usage, 1 the server failed to start.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        Path home = Path.of(System.getProperty("herd.home", ".")).toAbsolutePath().normalize();
        switch (command) {
            case "version", "--version" -> System.out.println("Herd " + version());
            case "check-config" -> System.exit(checkConfig(home));
            case "run" -> System.exit(run(home));
            default -> {
                System.out.println("usage: herd run | version | check-config");
                System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
            }
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    private static HerdConfig loadOrExplain(Path home) {
        try {
            return HerdConfig.load(home, home.resolve("conf/herd.yaml"), System::getenv);
        } catch (ConfigException e) {
            System.err.println("herd: configuration error: " + e.getMessage());
            return null;
        }
    }

    private static int checkConfig(Path home) {
        HerdConfig config = loadOrExplain(home);
        if (config == null) return 2;
        System.out.println("configuration ok: " + config.string("server.public_url"));
        return 0;
    }

    private static int run(Path home) {
        long started = System.nanoTime();
        HerdConfig config = loadOrExplain(home);
        if (config == null) return 2;
        // Read by conf/logback.xml; must be set before the first logger is created.
        System.setProperty("herd.log.level", config.string("logging.level"));
        // Jersey, SPI Fly and others log through java.util.logging: route it into the same log.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);
        EmbeddedDatabase embedded = null;
        HerdRuntime runtime = new HerdRuntime(home);
        try {
            if (!config.externalDatabase()) embedded = EmbeddedDatabase.start(config.dataDir().resolve("pg"));
            runtime.start(config, configurations(config, embedded));
            EmbeddedDatabase db = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runtime.stop(30);
                if (db != null) db.close();
            }, "herd-shutdown"));
            String url = "http://" + loopbackFor(config.string("server.bind")) + ":" + config.port() + "/health";
            awaitHttp(url, Duration.ofSeconds(60));
            log.info("herd ready version={} url={} local_domain={} database={} startup_seconds={}", version(),
                    config.string("server.public_url"), config.string("server.local_domain"),
                    embedded == null ? "external" : "embedded", String.format("%.1f", (System.nanoTime() - started) / 1e9));
            runtime.awaitStop();
            return 0;
        } catch (Exception e) {
            log.error("herd failed to start: {}", e.toString(), e);
            runtime.stop(10);
            if (embedded != null) embedded.close();
            return 1;
        }
    }

    /** The ConfigAdmin configurations the bundles read; a null value removes a configuration. */
    static Map<String, Map<String, Object>> configurations(HerdConfig c, EmbeddedDatabase embedded) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("public_url", c.string("server.public_url"));
        server.put("local_domain", c.string("server.local_domain"));
        server.put("data_dir", c.dataDir().toString());
        server.put("registrations", c.string("server.registrations"));
        server.put("role", c.string("server.role"));
        server.put("version", version());
        out.put("social.herd.server", server);
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("url", embedded == null ? c.string("database.url") : embedded.jdbcUrl());
        String user = embedded == null ? c.string("database.user") : embedded.user();
        if (user != null) db.put("user", user);
        String password = c.string("database.password");
        if (embedded == null && password != null) db.put(".password", password);
        db.put("pool_size", c.get("database.pool_size"));
        out.put("social.herd.db", db);
        String redis = c.string("redis.url");
        out.put("social.herd.redis", redis == null ? null : Map.of("url", redis));
        out.put("social.herd.instance", Map.of(
                "title", c.string("instance.title"),
                "description", c.string("instance.description"),
                "contact_email", c.string("instance.contact_email")));
        List<Map<String, String>> rules = c.rules();
        out.put("social.herd.rules.default", Map.of(
                "texts", rules.stream().map(r -> r.get("text")).toArray(String[]::new),
                "hints", rules.stream().map(r -> r.get("hint")).toArray(String[]::new)));
        return out;
    }

    private static String loopbackFor(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    private static void awaitHttp(String url, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) throw new IOException("no answer from " + url + " within " + timeout.toSeconds() + " s");
            Thread.sleep(100);
        }
    }
}
