package co.plugkit.store.jdbi;

import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/**
 * A statement the database refused (a constraint, a value too long, a bug), told by its SQLState alone.
 * It replaces JDBI's exception, whose message holds the SQL and its bound values, and the driver's, which
 * can quote the offending value: neither may reach a log line or an error page. The stack is kept.
 */
final class StatementFailure extends RuntimeException {
    private final Optional<String> sqlState;

    private StatementFailure(String message, Optional<String> sqlState) {
        super(message);
        this.sqlState = sqlState;
    }

    static StatementFailure of(JdbiException e) {
        Optional<SQLException> sql = sqlCause(e);
        Optional<String> state = sql.map(SQLException::getSQLState);
        String message = e.getClass().getSimpleName()
                + sql.map(s -> " (SQLState " + s.getSQLState() + ", vendor code " + s.getErrorCode() + ", "
                                + s.getClass().getSimpleName() + ")")
                        .orElse("");
        StatementFailure failure = new StatementFailure(message, state);
        failure.setStackTrace(e.getStackTrace());
        return failure;
    }

    /** The SQLState of the database's answer, if there was one. */
    Optional<String> sqlState() {
        return sqlState;
    }

    /** True when the statement broke a unique constraint (SQLState 23505 on H2 and PostgreSQL, 23000 on MySQL). */
    boolean isUniqueViolation() {
        return sqlState.filter(s -> s.equals("23505") || s.equals("23000")).isPresent();
    }

    private static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
