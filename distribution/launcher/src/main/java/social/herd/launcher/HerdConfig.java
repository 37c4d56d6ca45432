package social.herd.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The whole server configuration: {@code conf/herd.yaml} overridden by {@code HERD_*} environment
 * variables (and {@code HERD_*_FILE} files, as Kubernetes mounts secrets), checked before anything
 * starts. Unknown keys in the file are errors too, so a typo never silently falls back to a default.
 */
public final class HerdConfig {

    /** Every key the file and the environment may set. Order is the order of the README table. */
    static final List<Setting> SETTINGS = List.of(
            Setting.of("server.port", Parsers.integer(1, 65535)),
            Setting.of("server.bind", Parsers::bindAddress),
            Setting.of("server.public_url", Parsers::publicUrl),
            Setting.of("server.local_domain", Parsers::domain),
            Setting.of("server.data_dir", Parsers::text),
            Setting.of("server.registrations", Parsers.oneOf("open", "approval", "closed")),
            Setting.of("server.role", Parsers.listOf("all", "web", "worker", "streaming")),
            Setting.of("server.worker_queues", "HERD_WORKER_QUEUES", Parsers.listOf("default", "push", "pull", "ingress", "mailers")),
            Setting.of("database.url", "HERD_DB_URL", Parsers::jdbcUrl),
            Setting.of("database.user", "HERD_DB_USER", Parsers::text),
            Setting.secret("database.password", "HERD_DB_PASSWORD"),
            Setting.of("database.pool_size", "HERD_DB_POOL_SIZE", Parsers.integer(1, 200)),
            Setting.of("redis.url", "HERD_REDIS_URL", Parsers::redisUrl),
            Setting.of("instance.title", "HERD_INSTANCE_TITLE", Parsers::text),
            Setting.of("instance.description", "HERD_INSTANCE_DESCRIPTION", Parsers::text),
            Setting.of("instance.contact_email", "HERD_CONTACT_EMAIL", Parsers::text),
            Setting.of("mail.smtp_host", Parsers::text),
            Setting.of("mail.smtp_port", Parsers.integer(1, 65535)),
            Setting.of("mail.smtp_tls", Parsers.oneOf("none", "starttls", "tls")),
            Setting.of("mail.smtp_user", Parsers::text),
            Setting.secret("mail.smtp_password", "HERD_SMTP_PASSWORD"),
            Setting.of("mail.from", "HERD_MAIL_FROM", Parsers::text),
            Setting.of("media.storage", "HERD_MEDIA_STORAGE", Parsers.oneOf("local", "s3")),
            Setting.of("media.s3_endpoint", "HERD_S3_ENDPOINT", Parsers::httpUrl),
            Setting.of("media.s3_region", "HERD_S3_REGION", Parsers::text),
            Setting.of("media.s3_bucket", "HERD_S3_BUCKET", Parsers::text),
            Setting.of("media.s3_access_key", "HERD_S3_ACCESS_KEY", Parsers::text),
            Setting.secret("media.s3_secret_key", "HERD_S3_SECRET_KEY"),
            Setting.of("media.s3_public_url", "HERD_S3_PUBLIC_URL", Parsers::httpUrl),
            Setting.of("search.engine", "HERD_SEARCH_ENGINE", Parsers.oneOf("postgresql", "opensearch")),
            Setting.of("search.opensearch_url", "HERD_OPENSEARCH_URL", Parsers::httpUrl),
            Setting.of("search.opensearch_user", "HERD_OPENSEARCH_USER", Parsers::text),
            Setting.secret("search.opensearch_password", "HERD_OPENSEARCH_PASSWORD"),
            Setting.of("search.opensearch_ca_file", "HERD_OPENSEARCH_CA_FILE", Parsers::text),
            Setting.of("search.index_prefix", "HERD_SEARCH_INDEX_PREFIX", Parsers::text),
            Setting.of("federation.allow_private", "HERD_FEDERATION_ALLOW_PRIVATE", Parsers.oneOf("true", "false")),
            Setting.of("federation.allowed_hosts", "HERD_FEDERATION_ALLOWED_HOSTS", Parsers::text),
            Setting.of("federation.authorized_fetch", "HERD_AUTHORIZED_FETCH", Parsers.oneOf("true", "false")),
            Setting.of("federation.limited", "HERD_LIMITED_FEDERATION", Parsers.oneOf("true", "false")),
            Setting.of("federation.allowed_domains", "HERD_FEDERATION_ALLOWED_DOMAINS", Parsers::text),
            Setting.of("federation.inbox_rate_per_minute", "HERD_FEDERATION_INBOX_RATE", Parsers.integer(1, 10_000_000)),
            Setting.of("logging.level", "HERD_LOG_LEVEL", Parsers::logLevel));

    private final Map<String, Object> values;
    private final List<Map<String, String>> rules;
    private final Path home;

    private HerdConfig(Path home, Map<String, Object> values, List<Map<String, String>> rules) {
        this.home = home;
        this.values = values;
        this.rules = rules;
    }

    /**
     * Reads {@code file} (may be absent) and the environment, applies defaults and checks everything.
     *
     * @param home the runtime folder; relative paths are resolved against it
     * @throws ConfigException with a one-line message naming the offending key
     */
    public static HerdConfig load(Path home, Path file, Function<String, String> env) throws ConfigException {
        Map<String, Object> yaml = readYaml(file);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            String raw = rawValue(s, yaml, env);
            if (raw == null || raw.isBlank()) continue;
            try {
                values.put(s.path(), s.parser().parse(raw));
            } catch (IllegalArgumentException e) {
                String shown = s.secret() ? "" : " = '" + abbreviate(raw) + "'";
                throw new ConfigException(s.label() + shown + ": " + e.getMessage());
            }
        }
        checkUnknownKeys(yaml);
        checkS3(values);
        checkSearch(values);
        applyDefaults(values);
        return new HerdConfig(home, values, rules(yaml));
    }

    private static String rawValue(Setting s, Map<String, Object> yaml, Function<String, String> env) throws ConfigException {
        String fromEnv = env.apply(s.env());
        String fileName = env.apply(s.env() + "_FILE");
        if (fromEnv != null && fileName != null) {
            throw new ConfigException(s.env() + " and " + s.env() + "_FILE are both set: keep one");
        }
        if (fileName != null) {
            try {
                return Files.readString(Path.of(fileName), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException(s.env() + "_FILE = '" + fileName + "': cannot read the file (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (fromEnv != null) return fromEnv;
        Object v = lookup(yaml, s.path());
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(s.label() + ": must be a single value, not a list or section");
        }
        return v == null ? null : String.valueOf(v);
    }

    /** OpenSearch needs its URL; a user needs a password. Caught here rather than at the first search. */
    private static void checkSearch(Map<String, Object> v) throws ConfigException {
        if (!"opensearch".equals(v.get("search.engine"))) return;
        if (v.get("search.opensearch_url") == null) {
            throw new ConfigException("search.opensearch_url (HERD_OPENSEARCH_URL): required when search.engine is opensearch");
        }
        if (v.get("search.opensearch_user") != null && v.get("search.opensearch_password") == null) {
            throw new ConfigException("search.opensearch_password (HERD_OPENSEARCH_PASSWORD): required with search.opensearch_user");
        }
        Object prefix = v.get("search.index_prefix");
        if (prefix != null && !prefix.toString().matches("[a-z0-9][a-z0-9_-]{0,60}")) {
            throw new ConfigException("search.index_prefix (HERD_SEARCH_INDEX_PREFIX): lower-case letters, digits, - and _ only");
        }
    }

    /** S3 storage needs its endpoint, bucket and keys; caught here rather than at the first upload. */
    private static void checkS3(Map<String, Object> v) throws ConfigException {
        if (!"s3".equals(v.get("media.storage"))) return;
        for (String key : List.of("media.s3_endpoint", "media.s3_bucket", "media.s3_access_key", "media.s3_secret_key")) {
            if (v.get(key) == null) {
                Setting s = SETTINGS.stream().filter(x -> x.path().equals(key)).findFirst().orElseThrow();
                throw new ConfigException(s.label() + ": required when media.storage is s3");
            }
        }
    }

    private static void applyDefaults(Map<String, Object> v) {
        v.putIfAbsent("server.port", 8080);
        v.putIfAbsent("server.bind", "127.0.0.1");
        v.putIfAbsent("server.public_url", "http://localhost:" + v.get("server.port"));
        URI pub = URI.create((String) v.get("server.public_url"));
        String webDomain = pub.getHost() + (pub.getPort() > 0 ? ":" + pub.getPort() : "");
        v.put("server.web_domain", webDomain);
        v.putIfAbsent("server.local_domain", webDomain);
        v.putIfAbsent("server.data_dir", "data");
        v.putIfAbsent("server.registrations", "open");
        v.putIfAbsent("server.role", "all");
        v.putIfAbsent("database.pool_size", 10);
        v.putIfAbsent("instance.title", "Herd");
        v.putIfAbsent("instance.description", "A Herd server: a Mastodon-compatible home on the fediverse.");
        v.putIfAbsent("instance.contact_email", "");
        v.putIfAbsent("logging.level", "INFO");
        v.putIfAbsent("federation.allow_private", "false");
        v.putIfAbsent("federation.authorized_fetch", "false");
        v.putIfAbsent("federation.limited", "false");
    }

    /** A checked value by dotted path, or null when unset and without default. */
    public Object get(String path) {
        return values.get(path);
    }

    public String string(String path) {
        Object v = values.get(path);
        return v == null ? null : v.toString();
    }

    public int port() {
        return (Integer) values.get("server.port");
    }

    public Path dataDir() {
        return home.resolve(string("server.data_dir")).toAbsolutePath().normalize();
    }

    /** True when an external database is configured; otherwise Herd runs its embedded one. */
    public boolean externalDatabase() {
        return values.containsKey("database.url");
    }

    /** Server rules from the file's {@code rules:} list, each with {@code text} and optional {@code hint}. */
    public List<Map<String, String>> rules() {
        return rules;
    }

    private static Map<String, Object> readYaml(Path file) throws ConfigException {
        if (file == null || !Files.exists(file)) return Map.of();
        try (InputStream in = Files.newInputStream(file)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (doc == null) return Map.of();
            if (!(doc instanceof Map<?, ?> m)) throw new ConfigException(file + ": must be a YAML mapping of sections");
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        } catch (YAMLException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException(file + ": not valid YAML: " + why);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Object lookup(Map<String, Object> yaml, String path) {
        String[] parts = path.split("\\.", 2);
        Object section = yaml.get(parts[0]);
        return section instanceof Map<?, ?> m ? m.get(parts[1]) : null;
    }

    private static void checkUnknownKeys(Map<String, Object> yaml) throws ConfigException {
        for (Map.Entry<String, Object> section : yaml.entrySet()) {
            String name = String.valueOf(section.getKey());
            if (name.equals("rules")) continue;
            if (SETTINGS.stream().noneMatch(s -> s.path().startsWith(name + "."))) {
                throw new ConfigException(name + ": unknown section in herd.yaml");
            }
            if (section.getValue() == null) continue; // a section whose keys are all commented out
            if (!(section.getValue() instanceof Map<?, ?> m)) {
                throw new ConfigException(name + ": must be a section of keys");
            }
            for (Object key : m.keySet()) {
                String path = name + "." + key;
                if (SETTINGS.stream().noneMatch(s -> s.path().equals(path))) {
                    throw new ConfigException(path + ": unknown key in herd.yaml");
                }
            }
        }
    }

    private static List<Map<String, String>> rules(Map<String, Object> yaml) throws ConfigException {
        Object raw = yaml.get("rules");
        if (raw == null) return List.of();
        if (!(raw instanceof List<?> list)) throw new ConfigException("rules: must be a list of {text, hint}");
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String text;
            String hint = "";
            if (item instanceof String s) {
                text = s;
            } else if (item instanceof Map<?, ?> m) {
                text = m.get("text") == null ? null : String.valueOf(m.get("text"));
                hint = m.get("hint") == null ? "" : String.valueOf(m.get("hint"));
            } else {
                throw new ConfigException("rules[" + i + "]: must be text or {text, hint}");
            }
            if (text == null || text.isBlank()) throw new ConfigException("rules[" + i + "].text: must not be empty");
            if (text.length() > 500 || hint.length() > 2000) throw new ConfigException("rules[" + i + "]: too long (text 500, hint 2000 characters at most)");
            out.add(Map.of("text", text.strip(), "hint", hint.strip()));
        }
        return List.copyOf(out);
    }

    private static String abbreviate(String raw) {
        String oneLine = raw.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }
}
