package co.plugkit.internal.engine;

import co.plugkit.store.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Deletes events (the outbox and the audit trail) older than the retention, run in the background by the
 * {@link HousekeepingScheduler}. It deletes in small transactions, so a large backlog (the first run after
 * retention was turned on) never holds long locks on the events table, and at most {@link #MAX_BATCHES}
 * a run, so one run stays short; the next run goes on where it stopped. An event with a pending webhook
 * delivery is kept until the delivery is sent or given up. Idempotent: every server may run it.
 */
public final class EventRetentionSweeper {
    /** Events deleted in one transaction. */
    static final int BATCH = 500;

    /** Transactions in one run: at most {@code BATCH * MAX_BATCHES} events a run. */
    static final int MAX_BATCHES = 20;

    private final EventStore events;
    private final Duration retention;
    private final Clock clock;

    /** @param retention how long an event is kept (positive) */
    public EventRetentionSweeper(EventStore events, Duration retention, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention must be positive");
        }
    }

    /** Deletes the events written more than the retention ago, batch by batch; returns how many went. */
    public int runOnce() {
        java.time.Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int n = events.deleteOlderThan(cutoff, BATCH);
            deleted += n;
            if (n < BATCH) {
                break;
            }
        }
        return deleted;
    }
}
