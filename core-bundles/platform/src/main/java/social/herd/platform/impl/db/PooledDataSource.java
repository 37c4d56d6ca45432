package social.herd.platform.impl.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;
import social.herd.platform.impl.config.Props;

/**
 * The connection pool to Herd's PostgreSQL database, from PID {@value #PID} (required: without a
 * database URL there is nothing to pool). Hikari wraps a {@link PGSimpleDataSource} we construct
 * ourselves, so no JDBC driver is looked up through {@code DriverManager} or class loaders.
 *
 * <p>The pool starts even when the database is down ({@code initializationFailTimeout = -1}):
 * the {@code database} health check reports it, and callers fail after the 5 s connection timeout
 * instead of hanging.
 */
@Component(configurationPid = PooledDataSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = DataSource.class, property = "herd.datasource=primary")
public final class PooledDataSource implements DataSource, AutoCloseable {

    /** ConfigAdmin PID of the database settings. */
    public static final String PID = "social.herd.db";

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(PooledDataSource.class);

    private final HikariDataSource pool;

    /** Builds the pool from {@code url}, {@code user}, {@code .password} and {@code pool_size}. */
    @Activate
    public PooledDataSource(Map<String, Object> properties) {
        Props p = new Props(PID, properties);
        String url = p.string("url", null);
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            // configurationPolicy REQUIRE and the launcher's validation make this unlikely; refuse clearly
            throw new IllegalArgumentException("config " + PID + " key url must be a jdbc:postgresql: URL");
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        String user = p.string("user", null);
        if (user != null) pg.setUser(user);
        Object password = properties.get(".password");
        if (password != null) pg.setPassword(String.valueOf(password));
        pg.setApplicationName("herd");
        // a dead server must not hang a login for pgjdbc's default 10 s
        pg.setConnectTimeout(5);

        HikariConfig config = new HikariConfig();
        config.setDataSource(pg);
        config.setPoolName("herd-db");
        config.setMaximumPoolSize(p.integer("pool_size", 10, 1, 1000));
        config.setMinimumIdle(Math.min(2, config.getMaximumPoolSize()));
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(config);
        LOG.info("database pool started for {} (max {} connections)", redact(url), config.getMaximumPoolSize());
    }

    /** Shuts the pool down; connections in use are closed when returned. */
    @Deactivate
    @Override
    public void close() {
        pool.close();
        LOG.debug("database pool closed");
    }

    /** The URL without any password parameter, for logs. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override public Connection getConnection() throws SQLException { return pool.getConnection(); }
    @Override public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool logs in with the configured user");
    }
    @Override public PrintWriter getLogWriter() throws SQLException { return pool.getLogWriter(); }
    @Override public void setLogWriter(PrintWriter out) throws SQLException { pool.setLogWriter(out); }
    @Override public void setLoginTimeout(int seconds) throws SQLException { pool.setLoginTimeout(seconds); }
    @Override public int getLoginTimeout() throws SQLException { return pool.getLoginTimeout(); }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { return pool.getParentLogger(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }
    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
