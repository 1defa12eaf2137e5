package co.plugkit.internal.engine;

import co.plugkit.store.ConnectStateStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Deletes what the connect flow keeps once it can no longer matter: run in the background by the
 * {@link HousekeepingScheduler}, so that no connect request pays for a cleanup. Deleting is idempotent, so
 * every server may run it without a lease; the index on the expiry keeps each run cheap.
 */
public final class ConnectStateSweeper {
    /** Kept a day past their expiry, so that a late callback or a status question still gets a clear answer. */
    static final Duration RETENTION = Duration.ofDays(1);

    private final ConnectStateStore states;
    private final Clock clock;

    public ConnectStateSweeper(ConnectStateStore states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    /** Deletes the rows that expired more than {@link #RETENTION} ago; returns how many went. */
    public int runOnce() {
        return states.deleteExpiredBefore(clock.instant().minus(RETENTION));
    }
}
