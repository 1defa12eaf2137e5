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
import org.jdbi.v3.core.transaction.TransactionException;

/**
 * Runs JDBI calls and turns "the database is not there" into {@link StoreUnavailableException}, so the
 * API can answer 503 instead of 500. Every other failure becomes a {@link StatementFailure} that keeps
 * the SQLState and the stack but not the message: JDBI's and the drivers' messages quote the statement
 * and its bound values (a sealed token, say), and an exception is logged and may be rendered.
 */
final class JdbiCalls {
    /** How often a call whose connection was lost is tried: more than a small pool's connections. */
    static final int ATTEMPTS = 6;

    private final Jdbi jdbi;
    private final SqlDialect dialect;

    JdbiCalls(Jdbi jdbi, SqlDialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** Statements on one handle, each committed on its own (auto-commit): never retried. */
    <R> R withHandle(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw translate(e);
        }
    }

    /**
     * Queries that change nothing. A pooled connection that died since its last use (a database restart,
     * a killed backend) fails its first statement; the pool then drops it, so the call is tried again on
     * another connection, up to {@link #ATTEMPTS} times. A pool that cannot hand out a connection at all
     * (the database is down) is not tried again: that already waited the pool's timeout.
     */
    <R> R read(HandleCallback<R, RuntimeException> callback) {
        return withRetries(() -> jdbi.withHandle(callback));
    }

    /**
     * Writes whose repetition changes nothing (an upsert on its unique key): a lost connection is tried
     * again as for {@link #read}, even though the write may have happened before the connection broke.
     */
    <R> R idempotentWrite(HandleCallback<R, RuntimeException> callback) {
        return withRetries(() -> jdbi.withHandle(callback));
    }

    /**
     * Statements in one transaction. A connection lost before the commit rolls everything back, so that
     * case is tried again as for {@link #read}; a failed commit is not, as it may have happened.
     */
    <R> R inTransaction(HandleCallback<R, RuntimeException> callback) {
        return withRetries(() -> jdbi.inTransaction(callback));
    }

    private <R> R withRetries(java.util.function.Supplier<R> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (JdbiException e) {
                RuntimeException translated = translate(e);
                boolean lostOnTheWay = translated instanceof StoreUnavailableException
                        && !(e instanceof ConnectionException)
                        && !(e instanceof TransactionException);
                if (!lostOnTheWay || attempt == ATTEMPTS) {
                    throw translated;
                }
            }
        }
    }

    static RuntimeException translate(JdbiException e) {
        if (e instanceof ConnectionException || isConnectionFailure(e)) {
            return new StoreUnavailableException("the database is unavailable", StatementFailure.of(e));
        }
        return StatementFailure.of(e);
    }

    /**
     * True when the failure is a lost or refused connection, not a bad statement: SQLState class 08
     * (connection exception), PostgreSQL's 57P01–57P03 (the server terminated the backend or is starting
     * or shutting down) and MariaDB's 70100 (the connection was killed).
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P0") || state.equals("70100")) {
                    return true;
                }
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
