package social.herd.platform.impl.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.config.ServerSettings;

/**
 * {@link ServerSettings} from PID {@value ServerSettings#PID}. Optional configuration: a bare
 * {@code herd run} with no config file still gets a working local server on port 8080.
 */
@Component(configurationPid = ServerSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ServerSettingsComponent implements ServerSettings {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSettingsComponent.class);
    static final URI DEFAULT_URL = URI.create("http://localhost:8080");

    private final URI publicUrl;
    private final String webDomain;
    private final String localDomain;
    private final Path dataDir;
    private final Registrations registrations;
    private final Role role;
    private final java.util.Set<Role> roles;
    private final java.util.Set<String> workerQueues;
    private final boolean scheduler;
    private final String version;

    /** Reads the settings; every key has a default so this never fails. */
    @Activate
    public ServerSettingsComponent(Map<String, Object> properties) {
        Props p = new Props(PID, properties);
        this.publicUrl = parseUrl(p.string("public_url", null));
        this.webDomain = hostAndPort(publicUrl);
        this.localDomain = p.string("local_domain", webDomain).toLowerCase(java.util.Locale.ROOT);
        this.dataDir = Path.of(p.string("data_dir", "./data")).toAbsolutePath().normalize();
        this.registrations = p.choice("registrations", Registrations.OPEN);
        this.roles = roles(p.string("role", "all"));
        this.role = roles.iterator().next(); // the first (EnumSet order); callers ask runs(role)
        this.workerQueues = java.util.Set.copyOf(java.util.Arrays.stream(p.string("worker_queues", "").split(","))
                .map(String::strip).filter(q -> !q.isEmpty()).map(q -> q.toLowerCase(java.util.Locale.ROOT)).toList());
        this.scheduler = !"false".equalsIgnoreCase(p.string("scheduler", "true"));
        this.version = p.string("version", "0.1.0");
        LOG.debug("server settings: url={} localDomain={} roles={}", publicUrl, localDomain, roles);
    }

    private static URI parseUrl(String text) {
        if (text == null) return DEFAULT_URL;
        try {
            URI u = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            boolean http = "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
            if (!http || u.getHost() == null) throw new URISyntaxException(text, "needs http(s)://host");
            // keep scheme://host[:port] plus any path prefix, never query or fragment
            return new URI(u.getScheme().toLowerCase(java.util.Locale.ROOT), null,
                    u.getHost().toLowerCase(java.util.Locale.ROOT), u.getPort(), u.getPath(), null, null);
        } catch (URISyntaxException e) {
            LOG.warn("config {} key public_url is not an http(s) URL, using {}", PID, DEFAULT_URL);
            return DEFAULT_URL;
        }
    }

    /** host, plus :port unless it is the scheme's default port. */
    static String hostAndPort(URI url) {
        int port = url.getPort();
        boolean defaultPort = port == -1
                || ("http".equals(url.getScheme()) && port == 80)
                || ("https".equals(url.getScheme()) && port == 443);
        return defaultPort ? url.getHost() : url.getHost() + ":" + port;
    }

    @Override public URI publicUrl() { return publicUrl; }
    @Override public String webDomain() { return webDomain; }
    @Override public String localDomain() { return localDomain; }
    @Override public Path dataDir() { return dataDir; }
    @Override public Registrations registrations() { return registrations; }
    @Override public Role role() { return role; }
    @Override public java.util.Set<Role> roles() { return roles; }
    @Override public java.util.Set<String> workerQueues() { return workerQueues; }
    @Override public boolean scheduler() { return scheduler; }

    /** {@code all}, one role, or several separated by commas ({@code worker,streaming}); unknown names are skipped. */
    static java.util.Set<Role> roles(String text) {
        java.util.EnumSet<Role> out = java.util.EnumSet.noneOf(Role.class);
        for (String part : text.split("[,+ ]")) {
            if (part.isBlank()) continue;
            try {
                out.add(Role.valueOf(part.strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                LOG.warn("config {} key role has unknown value '{}', ignored", PID, part.strip());
            }
        }
        if (out.isEmpty() || out.contains(Role.ALL)) return java.util.EnumSet.of(Role.ALL);
        return out;
    }
    @Override public String version() { return version; }
}
