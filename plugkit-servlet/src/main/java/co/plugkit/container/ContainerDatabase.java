package co.plugkit.container;

import co.plugkit.PlugKitConfig;
import co.plugkit.PlugKitConfigException;
import co.plugkit.internal.threads.GuestThreads;
import co.plugkit.secret.JdbcUrls;
import co.plugkit.secret.Secret;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of a PlugKit mounted by {@link PlugKitInitializer}: the container's {@code DataSource}
 * named by {@code plugkit.db.jndi} (PlugKit never closes it), or else a HikariCP pool that PlugKit opens
 * from {@code plugkit.db.url}, {@code .user} and {@code .password} and closes when the webapp stops.
 */
final class ContainerDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerDatabase.class);

    /** How long closing waits for the pool's threads to end; Hikari itself waits up to 10 s per executor. */
    private static final Duration THREADS_END_LIMIT = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final Optional<HikariDataSource> ownedPool;
    private final Optional<GuestThreads> poolThreads;
    private final ClassLoader webappLoader;
    private final String description;

    private ContainerDatabase(
            DataSource dataSource,
            Optional<HikariDataSource> ownedPool,
            Optional<GuestThreads> poolThreads,
            ClassLoader webappLoader,
            String description) {
        this.webappLoader = webappLoader;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.poolThreads = poolThreads;
        this.description = description;
    }

    /**
     * Looks the data source up or opens the pool; {@code poolName} names the pool's threads, and
     * {@code webappLoader} is where the JDBC driver is looked for (and deregistered from on close), and
     * the pool's metrics go to {@code meters} if present (a Micrometer registry, see {@link ContainerMetrics}).
     */
    static ContainerDatabase open(
            PlugKitConfig config, String poolName, ClassLoader webappLoader, Optional<Object> meters) {
        if (config.dbJndi().isPresent()) {
            String name = config.dbJndi().get();
            return new ContainerDatabase(
                    lookup(name), Optional.empty(), Optional.empty(), null, "JNDI data source " + name);
        }
        String url = config.dbUrl()
                .orElseThrow(() -> new PlugKitConfigException(
                        "PlugKit needs a database: set plugkit.db.jndi (a container DataSource) or plugkit.db.url"
                                + " (environment variables PLUGKIT_DB_JNDI, PLUGKIT_DB_URL)"));
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(url);
        JdbcDrivers.driverClassFor(url, webappLoader).ifPresent(hikari::setDriverClassName);
        config.dbUser().ifPresent(hikari::setUsername);
        config.dbPassword().map(Secret::reveal).ifPresent(hikari::setPassword);
        // PlugKit's traffic is a few short queries per connect; it should not starve the host's pool.
        hikari.setMaximumPoolSize(5);
        hikari.setMinimumIdle(1);
        PoolTimeouts.applyTo(hikari);
        // Every thread of the pool comes from here, so that close() can wait until each has ended.
        GuestThreads threads = new GuestThreads(poolName + "-");
        hikari.setThreadFactory(threads);
        meters.ifPresent(registry -> ContainerMetrics.trackPool(hikari, registry));
        try {
            HikariDataSource pool = new HikariDataSource(hikari);
            return new ContainerDatabase(
                    pool,
                    Optional.of(pool),
                    Optional.of(threads),
                    webappLoader,
                    "pool " + poolName + " on " + JdbcUrls.withoutParameters(url));
        } catch (RuntimeException e) {
            threads.awaitEnd(THREADS_END_LIMIT);
            // The driver's message may quote the whole URL, parameters (and a password) included.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = String.valueOf(cause.getMessage()).replace(url, JdbcUrls.withoutParameters(url));
            throw new PlugKitConfigException(
                    "PlugKit could not open the database " + JdbcUrls.withoutParameters(url) + ": " + reason);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** What the database is, safe to log: a JNDI name or a pool name and URL without parameters. */
    String description() {
        return description;
    }

    /**
     * Closes the pool if PlugKit opened it, then deregisters the JDBC drivers the webapp's own class
     * loader registered (the webapp is stopping; they cannot outlive it). A container's data source is
     * left alone.
     */
    @Override
    public void close() {
        ownedPool.ifPresent(HikariDataSource::close);
        poolThreads.ifPresent(threads -> {
            if (!threads.awaitEnd(THREADS_END_LIMIT)) {
                LOG.warn("The threads of {} did not end within {}", description, THREADS_END_LIMIT);
            }
        });
        if (ownedPool.isPresent() && webappLoader != null) {
            JdbcDrivers.deregisterLoadedBy(webappLoader);
        }
    }

    private static DataSource lookup(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof DataSource ds) {
                return ds;
            }
            throw new PlugKitConfigException("plugkit.db.jndi: " + name + " is not a javax.sql.DataSource");
        } catch (NamingException e) {
            throw new PlugKitConfigException("plugkit.db.jndi: no DataSource bound at " + name + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
