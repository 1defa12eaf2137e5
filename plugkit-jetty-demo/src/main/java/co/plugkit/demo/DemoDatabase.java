package co.plugkit.demo;

import co.plugkit.PlugKitConfig;
import co.plugkit.container.PoolTimeouts;
import co.plugkit.secret.JdbcUrls;
import co.plugkit.secret.Secret;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * The demo's connection pool. PlugKit takes any {@code DataSource} and never owns it; the demo is the
 * host here, so it builds the pool from {@code PLUGKIT_DB_*} and closes it on stop.
 */
final class DemoDatabase {
    private DemoDatabase() {}

    /** A started pool, or a {@link DemoStartException} saying which database did not answer. */
    static HikariDataSource open(PlugKitConfig config) {
        String url = config.dbUrl().orElseThrow(() -> new IllegalStateException("the demo always sets a DB URL"));
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("plugkit-demo");
        hikari.setJdbcUrl(url);
        config.dbUser().ifPresent(hikari::setUsername);
        config.dbPassword().map(Secret::reveal).ifPresent(hikari::setPassword);
        // A demo serves a handful of requests at a time; a small pool keeps an embedded H2 light.
        hikari.setMaximumPoolSize(5);
        PoolTimeouts.applyTo(hikari);
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DemoStartException(
                    "Could not open the database " + JdbcUrls.withoutParameters(url) + ": " + cause.getMessage(), e);
        }
    }
}
