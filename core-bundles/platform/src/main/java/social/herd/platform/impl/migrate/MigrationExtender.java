package social.herd.platform.impl.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;

/**
 * The migrations extender: for every starting or active bundle with a
 * {@value Database#MIGRATIONS_HEADER} header, applies the pending scripts from that folder and
 * then registers a {@link SchemaReady} service for it; unregisters it when the bundle stops.
 *
 * <p>Migrations run on a worker thread, not in the tracker callback, because the callback runs
 * inside the bundle's start and a long migration must not block the framework. A database that
 * is unreachable is retried every few seconds; a broken migration is logged once and the bundle's
 * schema is never declared ready, so its components stay inactive instead of failing on requests.
 */
@Component(immediate = true)
public final class MigrationExtender {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationExtender.class);
    private static final long RETRY_SECONDS = 5;

    private final BundleContext context;
    private final MigrationRunner runner;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herd-migrations");
        t.setDaemon(true);
        return t;
    });
    private final BundleTracker<Tracked> tracker;

    @Activate
    public MigrationExtender(@Reference(target = "(herd.datasource=primary)") DataSource dataSource,
            BundleContext context) {
        this.context = context;
        this.runner = new MigrationRunner(dataSource);
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public Tracked addingBundle(Bundle bundle, BundleEvent event) {
                String folder = bundle.getHeaders("").get(Database.MIGRATIONS_HEADER);
                if (folder == null || folder.isBlank()) return null;
                Tracked t = new Tracked(bundle, folder.trim());
                worker.execute(t::migrate);
                return t;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Tracked tracked) {
                tracked.close();
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close(); // closes every Tracked: SchemaReady services go away with the extender
        worker.shutdownNow();
        runner.releaseLeadership();
    }

    /** How long this node keeps the migration lead after its last migration (bundles start in waves). */
    static final long LEAD_QUIET_SECONDS = 20;
    private volatile long lastMigration;

    /** Gives the migration lead back once no bundle has migrated here for a while. */
    private void releaseWhenQuiet() {
        lastMigration = System.nanoTime();
        if (worker.isShutdown()) return;
        worker.schedule(() -> {
            if (System.nanoTime() - lastMigration >= TimeUnit.SECONDS.toNanos(LEAD_QUIET_SECONDS) - 1_000_000) {
                runner.releaseLeadership();
            }
        }, LEAD_QUIET_SECONDS, TimeUnit.SECONDS);
    }

    /** One bundle's migration state: pending, ready (service registered) or closed. */
    private final class Tracked {
        private final Bundle bundle;
        private final String folder;
        private ServiceRegistration<SchemaReady> registration;
        private boolean closed;

        Tracked(Bundle bundle, String folder) {
            this.bundle = bundle;
            this.folder = folder;
        }

        void migrate() {
            String bsn = bundle.getSymbolicName();
            synchronized (this) {
                if (closed) return;
            }
            int version;
            try {
                version = runner.migrate(bsn, scripts());
                releaseWhenQuiet();
            } catch (MigrationException e) {
                if (unreachable(e)) {
                    LOG.warn("bundle {}: database unreachable, migrations retried in {}s", bsn, RETRY_SECONDS);
                    if (!worker.isShutdown()) worker.schedule(this::migrate, RETRY_SECONDS, TimeUnit.SECONDS);
                } else {
                    LOG.error("{}", e.getMessage());
                }
                return;
            } catch (RuntimeException e) {
                LOG.error("bundle {}: migrations failed: {}", bsn, e.toString(), e);
                return;
            }
            synchronized (this) {
                if (closed) return;
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(SchemaReady.BUNDLE_PROPERTY, bsn);
                props.put("herd.schema.version", version);
                registration = context.registerService(SchemaReady.class, new Ready(bsn, version), props);
            }
            LOG.debug("bundle {}: schema ready at version {}", bsn, version);
        }

        private List<MigrationScript> scripts() {
            List<MigrationScript> scripts = new ArrayList<>();
            Enumeration<URL> entries = bundle.findEntries(folder, "V*.sql", false);
            if (entries == null) return scripts; // header without scripts: ready at version 0
            while (entries.hasMoreElements()) {
                URL url = entries.nextElement();
                String path = url.getPath();
                String name = path.substring(path.lastIndexOf('/') + 1);
                try (InputStream in = url.openStream()) {
                    scripts.add(MigrationScript.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new MigrationException("bundle " + bundle.getSymbolicName() + ": cannot read " + path, e);
                }
            }
            return scripts;
        }

        synchronized void close() {
            closed = true;
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException ignored) {
                    // already unregistered because our own bundle is stopping
                }
                registration = null;
            }
        }
    }

    private static boolean unreachable(MigrationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof SQLTransientConnectionException) return true;
        return cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    private record Ready(String bundle, int version) implements SchemaReady {}
}
