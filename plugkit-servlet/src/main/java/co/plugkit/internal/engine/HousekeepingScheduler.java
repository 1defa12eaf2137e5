package co.plugkit.internal.engine;

import co.plugkit.internal.threads.GuestThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ConnectStateSweeper} every interval on one daemon thread, started and stopped with
 * PlugKit, whether or not the token refresher runs. A failing run is logged and the next comes as planned.
 */
public final class HousekeepingScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingScheduler.class);

    /** Often enough that the table stays small, rarely enough to cost nothing worth measuring. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);

    private final ScheduledExecutorService timer;
    private final GuestThreads threads;

    private HousekeepingScheduler(ScheduledExecutorService timer, GuestThreads threads) {
        this.timer = timer;
        this.threads = threads;
    }

    /** Starts running {@code sweeper} every {@code interval}, the first time after a random delay. */
    public static HousekeepingScheduler start(ConnectStateSweeper sweeper, Duration interval) {
        GuestThreads threads = new GuestThreads("plugkit-housekeeping-");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads);
        // Servers started together should not all sweep at the same moment.
        long firstDelay = ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(interval.toMillis(), 60_000)));
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        int deleted = sweeper.runOnce();
                        LOG.debug("Deleted {} expired connect sessions", deleted);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "Deleting expired connect sessions failed; the next run is in {}: {}",
                                interval,
                                e.getClass().getSimpleName());
                    }
                },
                firstDelay,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return new HousekeepingScheduler(timer, threads);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (timer.awaitTermination(10, TimeUnit.SECONDS)) {
                threads.awaitEnd(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
