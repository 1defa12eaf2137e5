package co.plugkit.store.jdbi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What differs between the databases PlugKit supports: where their migrations live, how an instant is
 * stored, and how an account is upserted atomically. Everything else is plain SQL that all of them run.
 */
public enum SqlDialect {
    /** H2 2.x: {@code TIMESTAMP WITH TIME ZONE}; the embedded default. Shares the standard-SQL migrations. */
    H2("standard", true),
    /** PostgreSQL 14+: {@code timestamptz}, {@code INSERT … ON CONFLICT}. Shares the standard-SQL migrations. */
    POSTGRESQL("standard", true),
    /** MariaDB 10.6+ and MySQL 8: {@code DATETIME(6)} holding UTC, {@code INSERT … ON DUPLICATE KEY UPDATE}. */
    MYSQL("mysql", false);

    private final String migrationFolder;
    private final boolean zonedTimestamps;

    SqlDialect(String migrationFolder, boolean zonedTimestamps) {
        this.migrationFolder = migrationFolder;
        this.zonedTimestamps = zonedTimestamps;
    }

    /** The dialect of a JDBC URL, if PlugKit supports that database. */
    public static Optional<SqlDialect> fromJdbcUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return Optional.of(H2);
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return Optional.of(POSTGRESQL);
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return Optional.of(MYSQL);
        }
        return Optional.empty();
    }

    /**
     * The dialect of the database behind a data source, read from its connection's URL (or, failing
     * that, its product name), so a host that passes a {@code DataSource} need not say which it is.
     *
     * @throws IllegalArgumentException for a database PlugKit does not support
     */
    public static SqlDialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return of(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not open a connection to find out which database this is", e);
        }
    }

    /** The dialect of the database behind an open connection (which stays open). */
    public static SqlDialect of(Connection c) {
        try {
            String url = c.getMetaData().getURL();
            String product = c.getMetaData().getDatabaseProductName();
            return Optional.ofNullable(url)
                    .flatMap(SqlDialect::fromJdbcUrl)
                    .or(() -> fromProductName(product))
                    .orElseThrow(() -> new IllegalArgumentException("PlugKit does not support the database '" + product
                            + "'; use H2, PostgreSQL, MariaDB or MySQL"));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read which database this is", e);
        }
    }

    private static Optional<SqlDialect> fromProductName(String product) {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return Optional.of(H2);
        }
        if (p.contains("postgres")) {
            return Optional.of(POSTGRESQL);
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return Optional.of(MYSQL);
        }
        return Optional.empty();
    }

    /** The Flyway location of this database's migrations. */
    public String migrations() {
        return "classpath:co/plugkit/db/migration/" + migrationFolder;
    }

    /**
     * The value to bind for an instant. Zoned columns take an offset timestamp in UTC; MySQL's
     * {@code DATETIME} has no zone, so it gets the UTC wall-clock time, which no session time zone shifts.
     */
    Object bind(Instant instant) {
        if (instant == null) {
            return null;
        }
        return zonedTimestamps ? instant.atOffset(ZoneOffset.UTC) : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The instant in a column; empty for SQL NULL. */
    Optional<Instant> read(ResultSet rs, String column) throws SQLException {
        if (zonedTimestamps) {
            return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class))
                    .map(OffsetDateTime::toInstant);
        }
        return Optional.ofNullable(rs.getObject(column, LocalDateTime.class)).map(t -> t.toInstant(ZoneOffset.UTC));
    }
}
