package social.herd.admin.impl.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.web.api.Json;

/**
 * Makes this node's framework match {@code admin_plugins}: installs, updates, starts, stops,
 * configures and uninstalls uploaded plugins. Every node runs one; it looks every two seconds (a
 * query of a few small columns) and at once after a change made on this node, so an upload on
 * one node is live on all within seconds. Only bundles it installed itself (location
 * {@value #LOCATION}) are touched; after an update or uninstall only that bundle is refreshed.
 */
@Component(service = PluginInstaller.class, immediate = true)
public final class PluginInstaller {

    static final String LOCATION = "herd-plugin:";
    static final long PERIOD_MS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(PluginInstaller.class);

    /** What this node installed for a plugin, and what configuration it applied. */
    private record Installed(String sha256, PluginConfig config, String appliedConfig) {}

    private final Database db;
    private final ConfigurationAdmin configAdmin;
    private final BundleContext context;
    private final Map<String, Installed> installed = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    private final BuiltInConfigs builtIns;
    private volatile String lastFailure;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herd-plugin-sync");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public PluginInstaller(@Reference Database db, @Reference ConfigurationAdmin configAdmin, BundleContext context,
                           @Reference(target = "(herd.schema=social.herd.admin)") SchemaReady schema) {
        this.db = db;
        this.configAdmin = configAdmin;
        this.context = context;
        this.builtIns = new BuiltInConfigs(db, context);
        timer.scheduleWithFixedDelay(this::syncQuietly, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        // the plugins stay installed: the framework keeps them across a restart of this bundle
        timer.shutdownNow();
    }

    /** Why the plugin did not start on this node, if it did not. */
    Optional<String> error(String id) {
        return Optional.ofNullable(errors.get(id));
    }

    /** The configuration description of an installed plugin, if this node installed it. */
    Optional<PluginConfig> config(String id) {
        return Optional.ofNullable(installed.get(id)).map(Installed::config);
    }

    /** The bundle of an uploaded plugin on this node. */
    Optional<Bundle> bundle(String id) {
        return Optional.ofNullable(context.getBundle(LOCATION + id));
    }

    /** Reconciles now (after a change on this node) instead of at the next tick. */
    void syncNow() {
        try {
            timer.submit(this::syncQuietly).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("plugin sync did not finish error={}", e.toString());
        }
    }

    private void syncQuietly() {
        try {
            sync();
            lastFailure = null;
        } catch (RuntimeException e) {
            // the database may be away for a moment: the next tick tries again; say so once
            String failure = e.toString();
            // database errors can quote whole values (a jar): one line, kept short
            if (failure.length() > 300) failure = failure.substring(0, 300) + "...";
            if (!failure.equals(lastFailure)) LOG.warn("plugin sync failed error=\"{}\"", failure);
            lastFailure = failure;
        }
    }

    private void sync() {
        List<PluginMapper.Row> rows = db.read(tx -> tx.mapper(PluginMapper.class).all());
        Map<String, Bundle> present = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(LOCATION)) present.put(b.getLocation().substring(LOCATION.length()), b);
        }
        for (PluginMapper.Row row : rows) {
            Bundle b = present.remove(row.id());
            try {
                b = installOrUpdate(row, b);
                if (b == null) continue;
                configure(row);
                if (row.enabled() && b.getState() != Bundle.ACTIVE) {
                    b.start();
                    LOG.info("plugin started id={} version={}", row.id(), row.version());
                } else if (!row.enabled() && b.getState() == Bundle.ACTIVE) {
                    b.stop();
                    LOG.info("plugin stopped id={}", row.id());
                }
                errors.remove(row.id());
            } catch (BundleException | IOException | IllegalStateException e) {
                String message = String.valueOf(e.getMessage());
                if (!message.equals(errors.put(row.id(), message))) {
                    LOG.warn("plugin failed id={} error=\"{}\"", row.id(), message);
                }
            }
        }
        for (Map.Entry<String, Bundle> gone : present.entrySet()) uninstall(gone.getKey(), gone.getValue());
        try {
            builtIns.apply(configAdmin);
        } catch (IOException | IllegalArgumentException e) {
            if (!String.valueOf(e.getMessage()).equals(errors.put("(built-in)", String.valueOf(e.getMessage())))) {
                LOG.warn("plugin configuration not applied error=\"{}\"", e.getMessage());
            }
        }
    }

    /** The settings of plugins that were not uploaded. */
    BuiltInConfigs builtIns() {
        return builtIns;
    }

    private Bundle installOrUpdate(PluginMapper.Row row, Bundle b) throws BundleException, IOException {
        Installed known = installed.get(row.id());
        if (b != null && known != null && known.sha256().equals(row.sha256())) return b;
        PluginMapper.Jar stored = db.read(tx -> tx.mapper(PluginMapper.class).jar(row.id(), row.sha256()));
        if (stored == null) return null; // replaced meanwhile: the next tick sees the new one
        byte[] jar = stored.bytes();
        PluginConfig config = PluginConfig.of(PluginJar.read(jar).metatype());
        if (b == null) {
            b = context.installBundle(LOCATION + row.id(), new ByteArrayInputStream(jar));
            LOG.info("plugin installed id={} version={}", row.id(), row.version());
        } else {
            b.update(new ByteArrayInputStream(jar));
            refresh(b);
            LOG.info("plugin updated id={} version={}", row.id(), row.version());
        }
        installed.put(row.id(), new Installed(row.sha256(), config, known == null ? null : known.appliedConfig()));
        return b;
    }

    /** Applies the admin's settings to the plugin's PIDs when they changed since this node last did. */
    private void configure(PluginMapper.Row row) throws IOException {
        Installed known = installed.get(row.id());
        if (known == null || row.config().equals(known.appliedConfig())) return;
        JsonNode settings = Json.mapper().readTree(row.config());
        var properties = known.config().properties(settings);
        for (String pid : known.config().pids()) {
            Configuration c = configAdmin.getConfiguration(pid, "?");
            if (properties.isEmpty()) {
                if (c.getProperties() != null) c.delete();
            } else {
                c.update(properties);
            }
        }
        installed.put(row.id(), new Installed(known.sha256(), known.config(), row.config()));
    }

    private void uninstall(String id, Bundle b) {
        try {
            b.uninstall();
            refresh(b);
            LOG.info("plugin uninstalled id={}", id);
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("plugin not uninstalled id={} error=\"{}\"", id, e.getMessage());
        }
        installed.remove(id);
        errors.remove(id);
    }

    private void refresh(Bundle b) {
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(Collections.singletonList(b));
    }
}
