package social.herd.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/herd}: {@code run} starts the server, {@code version} prints the version,
 * {@code check-config} only validates the configuration; any other word is a command provided by a
 * bundle ({@code herd accounts create ...}), run inside the runtime. Exit codes: 0 fine, 2 bad
 * configuration or usage, 1 failed.
 */
public final class Main {

    static final String USAGE = """
            usage: herd run                 start the server
                   herd version             print the version
                   herd check-config        check conf/herd.yaml and HERD_* variables
                   herd migrate             bring the database schema up to date, then exit
                   herd health-check [PATH] ask the running server (HERD_PORT) for /health/ready: exit 0 when 200
                   herd search reindex      rebuild the search index (no downtime)
                   herd accounts create USERNAME --email EMAIL [--role owner|admin|moderator|user] [--confirmed]
                   herd accounts approve|suspend USERNAME
                   herd accounts modify USERNAME --reset-password""";

    /** Username of the owner account created on first start. */
    static final String FIRST_OWNER = "admin";

    private Main() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        Path home = Path.of(System.getProperty("herd.home", ".")).toAbsolutePath().normalize();
        switch (command) {
            case "version", "--version" -> System.out.println("Herd " + version());
            case "check-config" -> System.exit(checkConfig(home));
            case "health-check" -> System.exit(healthCheck(args.length > 1 ? args[1] : "/health/ready"));
            case "run" -> System.exit(run(home));
            case "help", "--help", "-h" -> System.out.println(USAGE);
            default -> {
                if (!command.matches("[a-z][a-z0-9-]*")) {
                    System.err.println(USAGE);
                    System.exit(2);
                }
                System.exit(runCommand(home, command, List.of(args).subList(1, args.length)));
            }
        }
    }

    /**
     * A container health check without curl or a shell: GET {@code path} of the server on
     * {@code 127.0.0.1:$HERD_PORT}; exit code 0 for 200, 1 otherwise. Never boots the runtime.
     */
    static int healthCheck(String path) {
        String port = System.getenv().getOrDefault("HERD_PORT", "8080");
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3)).build()
                    .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(8)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            System.out.println(r.statusCode() + " " + r.body());
            return r.statusCode() == 200 ? 0 : 1;
        } catch (java.io.IOException e) {
            System.out.println("unreachable: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
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
        org.slf4j.Logger log = initLogging(config.string("logging.level"));
        EmbeddedDatabase embedded = null;
        HerdRuntime runtime = new HerdRuntime(home);
        try {
            Optional<DataDirLock> lock = DataDirLock.tryAcquire(config.dataDir());
            if (lock.isEmpty()) {
                System.err.println("herd: another Herd is already running with data directory " + config.dataDir());
                return 1;
            }
            if (!config.externalDatabase()) embedded = EmbeddedDatabase.start(config.dataDir().resolve("pg"));
            runtime.start(config, configurations(config, embedded, "all"), true);
            EmbeddedDatabase db = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runtime.stop(30);
                if (db != null) db.close();
            }, "herd-shutdown"));
            String base = "http://" + loopbackFor(config.string("server.bind")) + ":" + config.port();
            awaitHttp(base + "/health", Duration.ofSeconds(60));
            // Ready means the database answers and the REST application has settled; a node that
            // never gets there keeps running (and reporting why) rather than exiting.
            if (!answers200(base + "/health/ready", Duration.ofSeconds(90))) {
                log.warn("herd started but is not ready yet; see {}/health/ready", base);
            }
            log.info("herd ready version={} url={} local_domain={} database={} startup_seconds={}", version(),
                    config.string("server.public_url"), config.string("server.local_domain"),
                    embedded == null ? "external" : "embedded", String.format("%.1f", (System.nanoTime() - started) / 1e9));
            createFirstOwner(runtime, config, log);
            runtime.awaitStop();
            return 0;
        } catch (Exception e) {
            log.error("herd failed to start: {}", e.toString(), e);
            runtime.stop(10);
            if (embedded != null) embedded.close();
            return 1;
        }
    }

    /**
     * {@code herd accounts ...} and other commands that bundles provide: boots the runtime without
     * HTTP and without job workers, runs the command, stops. With a server running on the same data
     * directory, its embedded database is used; otherwise the command starts (and stops) it.
     */
    private static int runCommand(Path home, String name, List<String> args) {
        HerdConfig config = loadOrExplain(home);
        if (config == null) return 2;
        // The command's own output on stdout is what the admin (or a script) reads: logs go to
        // stderr, and only errors.
        System.setProperty("herd.log.target", "System.err");
        System.setProperty("herd.log.floor", "ERROR");
        initLogging("ERROR");
        EmbeddedDatabase embedded = null;
        HerdRuntime runtime = new HerdRuntime(home);
        Optional<DataDirLock> lock = Optional.empty();
        try {
            if (!config.externalDatabase()) {
                lock = DataDirLock.tryAcquire(config.dataDir());
                Path pg = config.dataDir().resolve("pg");
                embedded = lock.isPresent() ? EmbeddedDatabase.start(pg) : EmbeddedDatabase.attach(pg);
            }
            runtime.start(config, configurations(config, embedded, "web"), false);
            if (name.equals("migrate")) {
                if (!args.isEmpty()) {
                    System.err.println("usage: herd migrate");
                    return 2;
                }
                return MigrateCommand.run(runtime.context(), System.out, System.err, Duration.ofMinutes(30));
            }
            return CommandRunner.run(runtime.context(), name, args, System.out, System.err, Duration.ofSeconds(30));
        } catch (Exception e) {
            System.err.println("herd: " + name + " failed: " + e.getMessage());
            return 1;
        } finally {
            runtime.stop(10);
            if (embedded != null) embedded.close();
            for (DataDirLock l : lock.stream().toList()) {
                try {
                    l.close();
                } catch (IOException ignored) {
                    // released by the OS at exit anyway
                }
            }
        }
    }

    /**
     * On the very first start, creates the owner account and prints its one-time password, once, on
     * the console (never into the log). Skipped when an accounts bundle is not installed.
     */
    private static void createFirstOwner(HerdRuntime runtime, HerdConfig config, org.slf4j.Logger log) throws Exception {
        Path marker = config.dataDir().resolve(".owner-created");
        if (Files.exists(marker)) return;
        String email = config.string("instance.contact_email");
        if (email == null || email.isBlank()) {
            String host = config.string("server.local_domain").replaceFirst(":.*", "");
            // "localhost" is no mail domain; RFC 2606's .invalid says plainly that it needs changing
            email = FIRST_OWNER + "@" + (host.contains(".") ? host : host + ".invalid");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = CommandRunner.run(runtime.context(), "accounts",
                List.of("create", FIRST_OWNER, "--email", email, "--role", "owner", "--confirmed"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(30));
        if (code == 2 && err.toString(StandardCharsets.UTF_8).contains("unknown command")) return;
        String last = out.toString(StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse("");
        if (code == 0 && last.startsWith("New password: ")) {
            Files.writeString(marker, "owner account created at first start\n");
            System.out.println("First start: owner account '" + FIRST_OWNER + "' (" + email + ") created. One-time password: "
                    + last.substring("New password: ".length()) + "  (sign in and change it)");
            log.info("owner account created at first start username={}", FIRST_OWNER);
        } else {
            log.warn("owner account not created at first start: {}", err.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static org.slf4j.Logger initLogging(String level) {
        // Read by conf/logback.xml; must be set before the first logger is created.
        System.setProperty("herd.log.level", level);
        // Jersey, SPI Fly and others log through java.util.logging: route it into the same log.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        return org.slf4j.LoggerFactory.getLogger(Main.class);
    }

    /** The ConfigAdmin configurations the bundles read; a null value removes a configuration. */
    static Map<String, Map<String, Object>> configurations(HerdConfig c, EmbeddedDatabase embedded, String role) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("public_url", c.string("server.public_url"));
        server.put("local_domain", c.string("server.local_domain"));
        server.put("data_dir", c.dataDir().toString());
        server.put("registrations", c.string("server.registrations"));
        // CLI commands run as "web" with HTTP off: that role runs no job workers, and never the scheduler
        server.put("role", role.equals("all") ? c.string("server.role") : role);
        if (!role.equals("all")) server.put("scheduler", "false");
        if (c.get("server.worker_queues") != null) server.put("worker_queues", c.string("server.worker_queues"));
        server.put("version", version());
        out.put("social.herd.server", server);
        Map<String, Object> federation = new LinkedHashMap<>();
        for (String key : List.of("allow_private", "allowed_hosts", "authorized_fetch", "limited", "allowed_domains",
                "inbox_rate_per_minute")) {
            Object value = c.get("federation." + key);
            if (value != null) federation.put(key, value.toString());
        }
        out.put("social.herd.federation", federation);
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
        Map<String, Object> mail = new LinkedHashMap<>();
        for (String key : List.of("smtp_host", "smtp_port", "smtp_tls", "smtp_user", "from")) {
            if (c.get("mail." + key) != null) mail.put(key, c.get("mail." + key));
        }
        if (c.get("mail.smtp_password") != null) mail.put(".smtp_password", c.get("mail.smtp_password"));
        out.put("social.herd.mail", mail.isEmpty() ? null : mail);
        if ("s3".equals(c.string("media.storage"))) {
            Map<String, Object> storage = new LinkedHashMap<>();
            storage.put("type", "s3");
            for (String key : List.of("endpoint", "region", "bucket", "access_key", "public_url")) {
                if (c.get("media.s3_" + key) != null) storage.put(key, c.get("media.s3_" + key));
            }
            storage.put(".secret_key", c.get("media.s3_secret_key"));
            out.put("social.herd.media.storage", storage);
        } else {
            out.put("social.herd.media.storage", null);
        }
        if ("opensearch".equals(c.string("search.engine"))) {
            Map<String, Object> search = new LinkedHashMap<>();
            search.put("url", c.get("search.opensearch_url"));
            if (c.get("search.opensearch_user") != null) search.put("user", c.get("search.opensearch_user"));
            if (c.get("search.opensearch_password") != null) search.put(".password", c.get("search.opensearch_password"));
            if (c.get("search.opensearch_ca_file") != null) search.put("ca_file", c.get("search.opensearch_ca_file"));
            if (c.get("search.index_prefix") != null) search.put("index_prefix", c.get("search.index_prefix"));
            out.put("social.herd.search.opensearch", search);
        } else {
            out.put("social.herd.search.opensearch", null);
        }
        List<Map<String, String>> rules = c.rules();
        out.put("social.herd.rules.default", Map.of(
                "texts", rules.stream().map(r -> r.get("text")).toArray(String[]::new),
                "hints", rules.stream().map(r -> r.get("hint")).toArray(String[]::new)));
        return out;
    }

    private static String loopbackFor(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    private static boolean answers200(String url, Duration timeout) throws InterruptedException {
        try {
            awaitHttp(url, timeout);
            return true;
        } catch (IOException e) {
            return false;
        }
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
