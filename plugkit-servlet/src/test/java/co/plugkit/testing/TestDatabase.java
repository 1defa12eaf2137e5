package co.plugkit.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A database for one test class, isolated from every other run: an in-memory H2, a fresh schema on the
 * PostgreSQL service, or a fresh database on the MariaDB service. The services are found through
 * {@code PLUGKIT_TEST_POSTGRES_URL} and {@code PLUGKIT_TEST_MARIADB_URL}; without them the tests are
 * skipped with a message, except under CI ({@code CI=true}), where a missing database is a failure.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String POSTGRES_URL_VARIABLE = "PLUGKIT_TEST_POSTGRES_URL";
    public static final String MARIADB_URL_VARIABLE = "PLUGKIT_TEST_MARIADB_URL";

    private final String name;
    private final HikariDataSource pool;
    private final Runnable drop;

    private TestDatabase(String name, HikariDataSource pool, Runnable drop) {
        this.name = name;
        this.pool = pool;
        this.drop = drop;
    }

    public static TestDatabase h2() {
        return new TestDatabase(
                "H2", pool("jdbc:h2:mem:plugkit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", 10), () -> {});
    }

    /** A fresh schema on the PostgreSQL service, dropped on {@link #close()}. */
    public static TestDatabase postgres() {
        String url = serviceUrl(POSTGRES_URL_VARIABLE, "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = uniqueName();
        execute(url, "CREATE SCHEMA " + schema);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(
                "PostgreSQL", pool(schemaUrl, 10), () -> execute(url, "DROP SCHEMA " + schema + " CASCADE"));
    }

    /** A fresh database on the MariaDB service, dropped on {@link #close()}. */
    public static TestDatabase mariadb() {
        String url = serviceUrl(MARIADB_URL_VARIABLE, "jdbc:mariadb://127.0.0.1:3306/test?user=root");
        String database = uniqueName();
        execute(url, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return new TestDatabase(
                "MariaDB", pool(withDatabase(url, database), 10), () -> execute(url, "DROP DATABASE " + database));
    }

    /** Another pool on the same database, as a second server would have. */
    public HikariDataSource newPool(int size) {
        return pool(pool.getJdbcUrl(), size);
    }

    public String name() {
        return name;
    }

    public DataSource dataSource() {
        return pool;
    }

    public String jdbcUrl() {
        return pool.getJdbcUrl();
    }

    @Override
    public void close() {
        pool.close();
        drop.run();
    }

    private static String serviceUrl(String variable, String example) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            MissingOnThisMachine.skipOrFail(
                    "the tests on this database",
                    variable + " is not set. Set it to e.g. " + example + " (.ci/run does).");
        }
        return url;
    }

    private static String uniqueName() {
        return "plugkit_t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** The URL with its database (the last path segment) replaced. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query >= 0 ? url.substring(0, query) : url;
        String params = query >= 0 ? url.substring(query) : "";
        int slash = base.indexOf('/', base.indexOf("//") + 2);
        return (slash >= 0 ? base.substring(0, slash) : base) + "/" + database + params;
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on " + url.replaceAll("\\?.*", ""), e);
        }
    }

    private static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(3000);
        config.setPoolName("test-" + size);
        return new HikariDataSource(config);
    }
}
