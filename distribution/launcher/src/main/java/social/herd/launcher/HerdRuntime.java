package social.herd.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots Felix with the bundles of {@code system/<start level>/}, hands the configuration to
 * ConfigAdmin while only the infrastructure levels are up, then raises the start level so every
 * component sees its configuration from its first activation.
 */
final class HerdRuntime {

    /** Levels up to this one hold the log, weaving and ConfigAdmin bundles. */
    static final int INFRASTRUCTURE_LEVEL = 2;
    static final int FULL_LEVEL = 10;
    static final String SLF4J_VERSION = "2.0.17";
    static final List<String> SLF4J_PACKAGES = List.of("org.slf4j", "org.slf4j.spi", "org.slf4j.event", "org.slf4j.helpers");
    private static final Logger LOG = LoggerFactory.getLogger(HerdRuntime.class);

    private final Path home;
    private Framework framework;

    HerdRuntime(Path home) {
        this.home = home;
    }

    /** Framework properties shared by the launcher and the Pax Exam tests. */
    static Map<String, Object> frameworkProperties(Path cache, Path deploy, String bind, int port) {
        Map<String, Object> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        // Bundles come from system/ at every start; a stale cache would keep old versions.
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, String.valueOf(INFRASTRUCTURE_LEVEL));
        p.put("felix.startlevel.bundle", "5");
        p.put("felix.log.logger", new FelixLogger());
        p.put("felix.log.level", "2");
        // One SLF4J (and so one logback configuration) for the launcher and every bundle.
        // Also exported as 1.7.36: SLF4J 2 serves 1.x callers unchanged, and some bundles
        // (HikariCP) still import [1.6,2).
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",", SLF4J_PACKAGES.stream()
                .flatMap(pkg -> java.util.stream.Stream.of(pkg + ";version=" + SLF4J_VERSION, pkg + ";version=1.7.36"))
                .toList()));
        p.put("org.osgi.service.http.port", String.valueOf(port));
        p.put("org.apache.felix.http.host", bind);
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        // Jetty's WebSocket server container for the streaming API (needs the jetty websocket bundles in system/)
        p.put("org.apache.felix.jetty.websocket.enable", "true");
        p.put("felix.fileinstall.dir", deploy.toString());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.enableConfigSave", "false"); // trap 7: it truncated configs at first start
        p.put("felix.fileinstall.log.level", "2");
        return p;
    }

    /**
     * Starts the framework and returns once every bundle has been started.
     *
     * @param http false for CLI commands: the runtime then opens no port
     */
    void start(HerdConfig config, Map<String, Map<String, Object>> configurations, boolean http) throws Exception {
        Path data = config.dataDir();
        Path deploy = home.resolve("deploy");
        Files.createDirectories(deploy);
        Map<String, Object> props = frameworkProperties(data.resolve("cache/felix"), deploy,
                config.string("server.bind"), config.port());
        if (!http) props.put("org.apache.felix.http.enable", "false");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> untyped = (Map) props;
        framework = new FrameworkFactory().newFramework(untyped);
        framework.init();
        installSystemBundles(home.resolve("system"));
        framework.start();
        awaitStartLevel(INFRASTRUCTURE_LEVEL);
        ConfigPusher pusher = new ConfigPusher(framework.getBundleContext());
        for (Map.Entry<String, Map<String, Object>> c : configurations.entrySet()) {
            if (c.getValue() == null) pusher.remove(c.getKey());
            else pusher.put(c.getKey(), c.getValue());
        }
        awaitStartLevel(FULL_LEVEL);
        reportUnstarted();
    }

    private void installSystemBundles(Path system) throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> levels = Files.list(system)) {
            for (Path levelDir : levels.sorted().toList()) {
                int level = Integer.parseInt(levelDir.getFileName().toString());
                try (Stream<Path> jars = Files.list(levelDir)) {
                    for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                        Bundle b = framework.getBundleContext().installBundle(jar.toUri().toString());
                        if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                            b.adapt(BundleStartLevel.class).setStartLevel(level);
                            installed.add(b);
                        }
                    }
                }
            }
        }
        for (Bundle b : installed) b.start();
    }

    private void awaitStartLevel(int level) throws InterruptedException {
        Object done = new Object();
        synchronized (done) {
            framework.adapt(FrameworkStartLevel.class).setStartLevel(level, e -> {
                if (e.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                    synchronized (done) {
                        done.notifyAll();
                    }
                }
            });
            while (framework.adapt(FrameworkStartLevel.class).getStartLevel() < level) done.wait(100);
        }
    }

    private void reportUnstarted() {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                LOG.error("bundle not active bundle={} state={}", b.getSymbolicName(), b.getState());
            }
        }
    }

    /** Stops the framework and waits up to {@code seconds} for its bundles to stop. */
    void stop(int seconds) {
        if (framework == null) return;
        try {
            framework.stop();
            framework.waitForStop(seconds * 1000L);
        } catch (BundleException | InterruptedException e) {
            LOG.warn("framework did not stop cleanly: {}", e.toString());
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }
}
