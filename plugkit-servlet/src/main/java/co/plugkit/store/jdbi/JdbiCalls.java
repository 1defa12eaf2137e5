package co.plugkit.store.jdbi;

import co.plugkit.store.StoreUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs JDBI calls and turns "the database is not there" into {@link StoreUnavailableException}, so the
 * API can answer 503 instead of 500; every other failure stays what it is (a bug or a constraint).
 */
final class JdbiCalls {
    private final Jdbi jdbi;
    private final SqlDialect dialect;

    JdbiCalls(Jdbi jdbi, SqlDialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    SqlDialect dialect() {
        return dialect;
    }

    <R> R withHandle(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    <R> R inTransaction(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.inTransaction(callback);
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(JdbiException e) {
        if (e instanceof ConnectionException || isConnectionFailure(e.getCause())) {
            return new StoreUnavailableException("the database is unavailable", e);
        }
        return e;
    }

    /** True when the cause is a lost or refused connection (SQLState class 08), not a bad statement. */
    static boolean isConnectionFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** True when the statement broke a unique constraint (SQLState 23505 on H2 and PostgreSQL, 23000 on MySQL). */
    static boolean isUniqueViolation(JdbiException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().equals("23505") || sql.getSQLState().equals("23000"))) {
                return true;
            }
        }
        return false;
    }

    /** A NOT NULL timestamp column. */
    Instant instant(ResultSet rs, String column) throws SQLException {
        return dialect.read(rs, column)
                .orElseThrow(() -> new SQLException("column " + column + " is unexpectedly null"));
    }

    Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return dialect.read(rs, column);
    }

    /** An instant as this database stores it, so the stored instant never depends on a time zone. */
    Object at(Instant instant) {
        return dialect.bind(instant);
    }
}
