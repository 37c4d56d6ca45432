package social.herd.admin.impl.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * Plugins as admins manage them: upload (checked before anything is stored: a Herd plugin, signed
 * when a trust store is configured, resolvable here), enable, disable, configure, delete. Writes
 * go to {@code admin_plugins}; each node's {@link PluginInstaller} applies them. Plugins dropped
 * into {@code deploy/} and the built-in ones are listed too, read-only.
 *
 * <p>Configuration PID {@code social.herd.plugins}: {@code max_upload_mb} (default 20),
 * {@code trust_store} (PKCS12 or .jks path), {@code trust_store_password} or
 * {@code trust_store_password_file}.
 */
@Component(service = PluginService.class, configurationPid = PluginService.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class PluginService {

    static final String PID = "social.herd.plugins";
    private static final Logger LOG = LoggerFactory.getLogger(PluginService.class);

    /** A plugin as the admin API shows it. */
    public record Plugin(String id, String name, String kind, String version, String state, List<String> errors,
                         String source, boolean enabled, JsonNode config, List<PluginConfig.Attribute> configSchema,
                         Instant updatedAt) {}

    private final Database db;
    private final PluginInstaller installer;
    private final BundleContext context;
    private final TrustedJars trust;
    private final int maxUploadBytes;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public PluginService(@Reference Database db, @Reference PluginInstaller installer, BundleContext context,
                         @Reference(target = "(herd.schema=social.herd.admin)") SchemaReady schema, Map<String, Object> config) {
        this.db = db;
        this.installer = installer;
        this.context = context;
        this.trust = TrustedJars.load(string(config, "trust_store"), string(config, "trust_store_password"),
                string(config, "trust_store_password_file"));
        Object mb = config.get("max_upload_mb");
        this.maxUploadBytes = (mb == null ? 20 : Integer.parseInt(mb.toString().strip())) * 1024 * 1024;
    }

    int maxUploadBytes() {
        return maxUploadBytes;
    }

    /** Every Herd plugin: uploaded ones (from the table) and the others found in the framework. */
    public List<Plugin> list() {
        List<Plugin> out = new ArrayList<>();
        for (PluginMapper.Row row : db.read(tx -> tx.mapper(PluginMapper.class).all())) out.add(view(row));
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(PluginInstaller.LOCATION) || kindOf(b) == null) continue;
            out.add(view(b));
        }
        out.sort(Comparator.comparing(Plugin::id));
        return out;
    }

    /** One plugin by id; 404 for an unknown one. */
    public Plugin get(String id) {
        return list().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(ApiException::notFound);
    }

    /** Checks and stores an uploaded jar (a new plugin or a new version of one), then installs it here. */
    public Plugin upload(byte[] bytes, long accountId) {
        PluginJar jar = PluginJar.read(bytes);
        trust.check(bytes);
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().equals(jar.id()) && !b.getLocation().startsWith(PluginInstaller.LOCATION)) {
                throw ApiException.unprocessable("A bundle " + jar.id() + " is already installed from deploy/ or the server itself");
            }
        }
        List<String> missing = Requirements.missing(jar, context);
        if (!missing.isEmpty()) throw ApiException.unprocessable("The plugin cannot be installed: " + String.join("; ", missing));
        db.transaction(tx -> tx.mapper(PluginMapper.class).upsert(jar, bytes, accountId, clock.instant()));
        LOG.info("plugin uploaded id={} version={} kind={} by={}", jar.id(), jar.version(), jar.kind(), accountId);
        installer.syncNow();
        return get(jar.id());
    }

    /** Starts or stops an uploaded plugin on every node. */
    public Plugin setEnabled(String id, boolean enabled) {
        requireUploaded(id);
        db.transaction(tx -> tx.mapper(PluginMapper.class).setEnabled(id, enabled, clock.instant()));
        LOG.info("plugin {} id={}", enabled ? "enabled" : "disabled", id);
        installer.syncNow();
        return get(id);
    }

    /** Removes an uploaded plugin from every node. */
    public void delete(String id) {
        requireUploaded(id);
        db.transaction(tx -> tx.mapper(PluginMapper.class).delete(id));
        LOG.info("plugin deleted id={}", id);
        installer.syncNow();
    }

    /**
     * Replaces the admin's settings of a plugin, checked against its metatype: an uploaded one, or
     * one that ships with the server or sits in deploy/ (its settings are then kept apart).
     */
    public Plugin configure(String id, JsonNode settings) {
        boolean uploaded = db.read(tx -> tx.mapper(PluginMapper.class).byId(id)) != null;
        Optional<Bundle> builtIn = uploaded ? Optional.empty() : installer.builtIns().bundle(id).filter(b -> kindOf(b) != null);
        if (!uploaded && builtIn.isEmpty()) throw ApiException.notFound();
        PluginConfig config = uploaded ? installer.config(id)
                .orElseThrow(() -> ApiException.unprocessable("The plugin is not installed on this node yet; try again"))
                : BuiltInConfigs.describe(builtIn.get());
        if (config.pids().isEmpty()) throw ApiException.unprocessable("This plugin has nothing to configure");
        config.properties(settings); // 422 for unknown keys and wrong types
        String json;
        try {
            json = Json.mapper().writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw ApiException.unprocessable("The configuration must be a JSON object");
        }
        db.transaction(tx -> uploaded ? tx.mapper(PluginMapper.class).setConfig(id, json, clock.instant())
                : tx.mapper(BuiltInConfigMapper.class).put(id, json, clock.instant()));
        LOG.info("plugin configured id={}", id);
        installer.syncNow();
        return get(id);
    }

    private void requireUploaded(String id) {
        PluginMapper.Row row = db.read(tx -> tx.mapper(PluginMapper.class).byId(id));
        if (row != null) return;
        boolean other = list().stream().anyMatch(p -> p.id().equals(id));
        if (other) throw ApiException.unprocessable("This plugin was not uploaded: it comes from deploy/ or the server itself,"
                + " so remove or change its file there");
        throw ApiException.notFound();
    }

    private Plugin view(PluginMapper.Row row) {
        Bundle b = installer.bundle(row.id()).orElse(null);
        List<String> errors = new ArrayList<>();
        installer.error(row.id()).ifPresent(errors::add);
        String state;
        if (!row.enabled()) state = "disabled";
        else if (b != null && b.getState() == Bundle.ACTIVE && errors.isEmpty()) state = "active";
        else {
            state = "failed";
            if (errors.isEmpty()) errors.add("not started on this node yet");
        }
        JsonNode config;
        try {
            config = Json.mapper().readTree(row.config());
        } catch (JsonProcessingException e) {
            config = Json.mapper().createObjectNode();
        }
        List<PluginConfig.Attribute> schema = installer.config(row.id())
                .map(c -> List.copyOf(c.attributes().values())).orElse(List.of());
        return new Plugin(row.id(), row.name(), row.kind(), row.version(), state, errors, "upload", row.enabled(), config,
                schema, row.updatedAt());
    }

    private Plugin view(Bundle b) {
        String name = b.getHeaders().get("Bundle-Name");
        boolean active = b.getState() == Bundle.ACTIVE;
        String source = b.getLocation().contains("/deploy/") ? "deploy" : "system";
        return new Plugin(b.getSymbolicName(), name == null ? b.getSymbolicName() : name, kindOf(b), b.getVersion().toString(),
                active ? "active" : "failed", active ? List.of() : List.of("not active (state " + b.getState() + ")"), source,
                true, installer.builtIns().stored(b.getSymbolicName()),
                List.copyOf(BuiltInConfigs.describe(b).attributes().values()), Instant.ofEpochMilli(b.getLastModified()));
    }

    private static String kindOf(Bundle b) {
        return PluginJar.kind(Headers.clauses(b.getHeaders().get("Require-Capability")), b.getHeaders().get(PluginJar.THEME_HEADER));
    }

    private static String string(Map<String, Object> config, String key) {
        Object v = config.get(key);
        return v == null ? null : v.toString();
    }
}
