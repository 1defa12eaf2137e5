package co.plugkit.bench;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.model.SealedToken;
import co.plugkit.provider.Platform;
import co.plugkit.secret.Secret;
import co.plugkit.testing.TestKeys;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import javax.sql.DataSource;

/** The databases a benchmark runs on, and the seeding of many accounts straight into the table. */
final class Databases {
    /**
     * Database {@code bench} on the PostgreSQL server the tests use, never the tests' own database {@code test}
     * (a benchmark resets its schema while a test suite may be running); {@code PLUGKIT_BENCH_POSTGRES_URL}
     * overrides it. {@link #resetPostgres()} creates the database if it is absent.
     */
    static String postgresUrl() {
        String url = System.getenv("PLUGKIT_BENCH_POSTGRES_URL");
        return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/bench?user=postgres";
    }

    private Databases() {}

    /** A fresh in-memory H2 database behind a pool, as an embedded single-server install would run. */
    static HikariDataSource h2() {
        return pool("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", 16);
    }

    /**
     * A fresh, empty schema {@code plugkit_bench} on the PostgreSQL server (dropped and made again), so a run
     * never meets another run's rows nor touches the tests' tables.
     */
    static void resetPostgres() {
        ensureDatabase();
        try (HikariDataSource admin = pool(postgresUrl(), 1);
                Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS plugkit_bench CASCADE");
            s.execute("CREATE SCHEMA plugkit_bench");
        } catch (SQLException e) {
            throw new IllegalStateException("could not reset the benchmark schema", e);
        }
    }

    /** Creates the benchmark's database when it does not exist, through the server's {@code postgres} database. */
    private static void ensureDatabase() {
        String url = postgresUrl();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]+)(.*)$")
                .matcher(url);
        if (!m.matches()) {
            return;
        }
        String name = m.group(2);
        try (Connection c = java.sql.DriverManager.getConnection(m.group(1) + "postgres" + m.group(3));
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            boolean exists;
            try (var rs = ps.executeQuery()) {
                exists = rs.next();
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the benchmark database " + name, e);
        }
    }

    static HikariDataSource postgres(int poolSize) {
        String url = postgresUrl();
        return pool(url + (url.contains("?") ? "&" : "?") + "currentSchema=plugkit_bench", poolSize);
    }

    static HikariDataSource open(String db, int poolSize) {
        if (db.equals("h2")) {
            return h2();
        }
        if (db.equals("postgresql")) {
            resetPostgres();
            return postgres(poolSize);
        }
        throw new IllegalArgumentException("--db is h2 or postgresql, not " + db);
    }

    private static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (url.startsWith("jdbc:h2:")) {
            config.setUsername("sa");
        }
        config.setMaximumPoolSize(size);
        config.setPoolName("bench-pool");
        return new HikariDataSource(config);
    }

    /** A profile row in {@code workspace}, written straight into the table. */
    static ProfileId insertProfile(DataSource ds, WorkspaceId workspace) throws SQLException {
        ProfileId id = ProfileId.random();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO plugkit_profiles (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id.value());
            ps.setString(2, workspace.value());
            ps.setString(3, "bench");
            ps.setObject(4, at(Instant.now()));
            ps.executeUpdate();
        }
        return id;
    }

    /**
     * Inserts accounts {@code from … to-1} of one profile, as connections of stand-in users with those numbers
     * would have left them: active, a token sealed for its row, issued {@code tokenAge} ago and expiring 60
     * days after that, last checked an hour ago. Batched: 100k rows take seconds, not the hours 100k
     * connect flows would.
     */
    static void insertAccounts(DataSource ds, WorkspaceId ws, ProfileId profile, long from, long to, Duration tokenAge)
            throws SQLException {
        TokenCipher cipher = new TokenCipher(Base64.getDecoder().decode(TestKeys.ENCRYPTION_KEY));
        Instant now = Instant.now();
        Instant issued = now.minus(tokenAge);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO plugkit_accounts (id, workspace_id,"
                    + " profile_id, platform, external_id, app_scoped_id, username, display_name, account_type,"
                    + " profile_picture_url, scopes, status, token_key_id, token_ciphertext, token_expires_at,"
                    + " token_issued_at, last_checked_at, connected_at, updated_at)"
                    + " VALUES (?, ?, ?, 'instagram', ?, ?, ?, ?, 'BUSINESS', ?, 'instagram_business_basic',"
                    + " 'active', ?, ?, ?, ?, ?, ?, ?)")) {
                for (long n = from; n < to; n++) {
                    String externalId = Long.toString(17841400000000000L + n);
                    SealedToken token = cipher.seal(
                            Secret.of(StandIn.longToken(n)),
                            new TokenBinding(ws, profile, Platform.INSTAGRAM, externalId));
                    int i = 1;
                    ps.setString(i++, AccountId.random().value());
                    ps.setString(i++, ws.value());
                    ps.setString(i++, profile.value());
                    ps.setString(i++, externalId);
                    ps.setString(i++, Long.toString(27281358500000000L + n));
                    ps.setString(i++, "user" + n);
                    ps.setString(i++, "User " + n);
                    ps.setString(i++, "https://cdn.example/p/" + n + ".jpg");
                    ps.setString(i++, token.keyId());
                    ps.setString(i++, token.ciphertext());
                    ps.setObject(i++, at(issued.plus(Duration.ofDays(60))));
                    ps.setObject(i++, at(issued));
                    ps.setObject(i++, at(now.minus(Duration.ofHours(1))));
                    ps.setObject(i++, at(issued));
                    ps.setObject(i++, at(issued));
                    ps.addBatch();
                    if ((n - from) % 1000 == 999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
