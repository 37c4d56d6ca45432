package social.herd.admin.impl.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.web.api.Json;

/**
 * The admin's settings of plugins that were not uploaded (shipped in the server, or in
 * {@code deploy/}), such as the rules of rules-default: stored once for the cluster and applied
 * through ConfigAdmin by every node's installer, like the settings of uploaded plugins. They win
 * over what the node's configuration file gave the same PIDs at start.
 */
final class BuiltInConfigs {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltInConfigs.class);

    private final Database db;
    private final BundleContext context;
    private final Map<String, String> applied = new ConcurrentHashMap<>();

    BuiltInConfigs(Database db, BundleContext context) {
        this.db = db;
        this.context = context;
    }

    /** The plugin bundle of that symbolic name that was not uploaded, if there is one here. */
    Optional<Bundle> bundle(String id) {
        for (Bundle b : context.getBundles()) {
            if (id.equals(b.getSymbolicName()) && !b.getLocation().startsWith(PluginInstaller.LOCATION)) return Optional.of(b);
        }
        return Optional.empty();
    }

    /** What a bundle's metatype says can be configured. */
    static PluginConfig describe(Bundle b) {
        List<String> xml = new ArrayList<>();
        Enumeration<URL> docs = b.findEntries("OSGI-INF/metatype", "*.xml", false);
        for (URL u : docs == null ? Collections.<URL>emptyList() : Collections.list(docs)) {
            try (InputStream in = u.openStream()) {
                xml.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.debug("metatype unreadable bundle={} entry={}", b.getSymbolicName(), u);
            }
        }
        return PluginConfig.of(xml);
    }

    /** The stored settings of a plugin, or an empty object. */
    JsonNode stored(String id) {
        return db.read(tx -> tx.mapper(BuiltInConfigMapper.class).all()).stream().filter(r -> r.id().equals(id)).findFirst()
                .map(r -> parse(r.config())).orElseGet(() -> Json.mapper().createObjectNode());
    }

    /** Applies every stored setting that changed since this node last applied it. */
    void apply(ConfigurationAdmin configAdmin) throws IOException {
        for (BuiltInConfigMapper.Row row : db.read(tx -> tx.mapper(BuiltInConfigMapper.class).all())) {
            if (row.config().equals(applied.get(row.id()))) continue;
            Optional<Bundle> b = bundle(row.id());
            if (b.isEmpty()) continue;
            PluginConfig config = describe(b.get());
            var properties = config.properties(parse(row.config()));
            for (String pid : config.pids()) {
                Configuration c = configAdmin.getConfiguration(pid, "?");
                if (!properties.isEmpty()) c.update(properties);
            }
            applied.put(row.id(), row.config());
            LOG.info("plugin configuration applied id={} pids={}", row.id(), config.pids());
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
