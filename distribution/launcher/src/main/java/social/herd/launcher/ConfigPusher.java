package social.herd.launcher;

import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Hands the checked configuration to ConfigAdmin inside the framework. The launcher sits outside
 * OSGi, so it must not link against the ConfigAdmin API classes (they would be a different copy
 * from the bundle's); it calls the service through the interfaces loaded by the service's own
 * bundle instead.
 */
final class ConfigPusher {

    private final Object configAdmin;
    private final Method getConfiguration;
    private final Method update;
    private final Method delete;
    private final Method listConfigurations;

    ConfigPusher(BundleContext context) throws ReflectiveOperationException {
        ServiceReference<?> ref = context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        if (ref == null) throw new IllegalStateException("ConfigurationAdmin is not running");
        configAdmin = context.getService(ref);
        ClassLoader loader = ref.getBundle().adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader();
        Class<?> caType = loader.loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> cfgType = loader.loadClass("org.osgi.service.cm.Configuration");
        getConfiguration = caType.getMethod("getConfiguration", String.class, String.class);
        listConfigurations = caType.getMethod("listConfigurations", String.class);
        update = cfgType.getMethod("update", Dictionary.class);
        delete = cfgType.getMethod("delete");
    }

    /** Sets the whole configuration of {@code pid} (bound to any bundle, location "?"). */
    void put(String pid, Map<String, ?> properties) throws ReflectiveOperationException {
        Object cfg = getConfiguration.invoke(configAdmin, pid, "?");
        update.invoke(cfg, new Hashtable<>(properties));
    }

    /** Removes the configuration of {@code pid} if there is one. */
    void remove(String pid) throws ReflectiveOperationException {
        Object[] existing = (Object[]) listConfigurations.invoke(configAdmin, "(service.pid=" + pid + ")");
        if (existing == null) return;
        for (Object cfg : existing) delete.invoke(cfg);
    }
}
