package social.herd.platform.impl.db;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.managed.ManagedTransactionFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MyBatis configuration per bundle class loader, built on first use of one of its mappers.
 *
 * <p>Why per class loader: MyBatis resolves {@code resultType} names and mapper XML through class
 * loaders (OSGI-NOTES trap 13). Each configuration is built with the thread context class loader
 * set to the mapper's own loader and never touches MyBatis' global default loader, so bundles
 * cannot see (or break) each other's types. The cache is keyed by loader and remembers the owning
 * bundle id so that {@link #evictBundle(long)} drops it when the bundle stops or is uninstalled;
 * otherwise it would pin the old class loader (and every class in it) forever.
 */
public final class MapperConfigurations {

    private static final Logger LOG = LoggerFactory.getLogger(MapperConfigurations.class);

    /**
     * One configuration per bundle class loader, and the mappers in it that are completely loaded.
     * MyBatis' own {@code hasMapper} turns true before the mapper's XML is parsed, so a second
     * thread trusting it could run a statement that does not exist yet.
     */
    private record Entry(long bundleId, SqlSessionFactory factory, Set<Class<?>> ready) {}

    private final Environment environment;
    private final Map<ClassLoader, Entry> byLoader = new ConcurrentHashMap<>();

    /**
     * @param dataSource only to satisfy MyBatis' environment; sessions are always opened on the
     *                   transaction's connection, never from this data source
     */
    public MapperConfigurations(DataSource dataSource) {
        Properties props = new Properties();
        // The Tx owns the connection: a session must never close, commit or roll it back.
        props.setProperty("closeConnection", "false");
        ManagedTransactionFactory transactions = new ManagedTransactionFactory();
        transactions.setProperties(props);
        this.environment = new Environment("herd", transactions, dataSource);
    }

    /** The session factory whose configuration knows {@code mapperType}, adding it if needed. */
    public SqlSessionFactory factoryFor(Class<?> mapperType) {
        ClassLoader loader = mapperType.getClassLoader();
        Entry entry = byLoader.computeIfAbsent(loader,
                l -> new Entry(bundleId(mapperType), build(l), ConcurrentHashMap.newKeySet()));
        if (!entry.ready().contains(mapperType)) {
            Configuration configuration = entry.factory().getConfiguration();
            synchronized (configuration) {
                if (!configuration.hasMapper(mapperType)) addMapper(configuration, mapperType);
                entry.ready().add(mapperType);
            }
        }
        return entry.factory();
    }

    private SqlSessionFactory build(ClassLoader loader) {
        Configuration configuration = new Configuration(environment);
        // rows map onto records and beans without an alias per column: created_at -> createdAt
        configuration.setMapUnderscoreToCamelCase(true);
        return new SqlSessionFactoryBuilder().build(configuration);
    }

    private static void addMapper(Configuration configuration, Class<?> mapperType) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(mapperType.getClassLoader());
        try {
            // also loads Foo.xml beside Foo.class through Foo's own class loader
            configuration.addMapper(mapperType);
            LOG.debug("MyBatis mapper {} registered", mapperType.getName());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Forgets every configuration built for classes of bundle {@code bundleId}. */
    public void evictBundle(long bundleId) {
        if (byLoader.values().removeIf(e -> e.bundleId() == bundleId)) {
            LOG.debug("MyBatis configurations of bundle {} evicted", bundleId);
        }
    }

    /** Number of cached configurations; for tests and diagnostics. */
    public int size() {
        return byLoader.size();
    }

    private static long bundleId(Class<?> type) {
        try {
            Bundle b = FrameworkUtil.getBundle(type);
            return b == null ? -1 : b.getBundleId();
        } catch (NoClassDefFoundError e) {
            return -1; // outside OSGi (unit tests): nothing can be uninstalled
        }
    }
}
