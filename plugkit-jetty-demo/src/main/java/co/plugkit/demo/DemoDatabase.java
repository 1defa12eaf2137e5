package co.plugkit.demo;

import co.plugkit.PlugKitConfig;
import co.plugkit.container.PoolTimeouts;
import co.plugkit.secret.JdbcUrls;
import co.plugkit.secret.Secret;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The demo's connection pool. PlugKit takes any {@code DataSource} and never owns it; the demo is the
 * host here, so it builds the pool from {@code PLUGKIT_DB_*} and closes it on stop.
 */
final class DemoDatabase {
    private DemoDatabase() {}

    /**
     * A started pool, or a {@link DemoStartException} saying which database did not answer. The pool's
     * {@code hikaricp.*} meters go to {@code metrics}, by HikariCP's own Micrometer tracker.
     */
    static HikariDataSource open(PlugKitConfig config, MeterRegistry metrics) {
        String url = config.dbUrl().orElseThrow(() -> new IllegalStateException("the demo always sets a DB URL"));
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("plugkit-demo");
        hikari.setJdbcUrl(url);
        config.dbUser().ifPresent(hikari::setUsername);
        config.dbPassword().map(Secret::reveal).ifPresent(hikari::setPassword);
        // A demo serves a handful of requests at a time; a small pool keeps an embedded H2 light.
        hikari.setMaximumPoolSize(5);
        PoolTimeouts.applyTo(hikari);
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DemoStartException(
                    "Could not open the database " + JdbcUrls.withoutParameters(url) + ": " + cause.getMessage(), e);
        }
    }
}
