package co.plugkit.container;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;

/**
 * The timeouts of every connection pool PlugKit or its demo opens. HikariCP waits 30 s by default for a
 * connection; during a database outage each request would then hold its thread for 30 s before its 503,
 * and the threads pile up. PlugKit's statements are short, so a request that cannot have a connection
 * within {@link #CONNECTION} fails fast with 503 {@code database_unavailable} instead.
 */
public final class PoolTimeouts {
    /** How long a request waits for a pooled connection before it is answered 503. */
    public static final Duration CONNECTION = Duration.ofSeconds(2);

    /** How long checking that a pooled connection is still alive may take. */
    public static final Duration VALIDATION = Duration.ofSeconds(1);

    private PoolTimeouts() {}

    /** Sets both timeouts on a pool's configuration. */
    public static void applyTo(HikariConfig config) {
        config.setConnectionTimeout(CONNECTION.toMillis());
        config.setValidationTimeout(VALIDATION.toMillis());
    }
}
