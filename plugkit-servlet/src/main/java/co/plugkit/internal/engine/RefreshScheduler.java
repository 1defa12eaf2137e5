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
 * Runs the {@link TokenRefresher} every interval on one daemon thread, started and stopped with PlugKit,
 * and after each refresh run the key rotation's {@link TokenResealer} (which does nothing unless old keys
 * are configured). A failing run (say, the database is down) is logged and the next run comes as planned.
 */
public final class RefreshScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshScheduler.class);

    private final ScheduledExecutorService timer;
    private final GuestThreads threads;

    private RefreshScheduler(ScheduledExecutorService timer, GuestThreads threads) {
        this.timer = timer;
        this.threads = threads;
    }

    /**
     * Starts running {@code refresher}, then {@code resealer}, every {@code interval}, the first time after a
     * short random delay.
     */
    public static RefreshScheduler start(TokenRefresher refresher, TokenResealer resealer, Duration interval) {
        GuestThreads threads = new GuestThreads("plugkit-refresher-");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads);
        // Servers started together should not all run at the same moment.
        long firstDelay = ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(interval.toMillis(), 60_000)));
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        refresher.runOnce();
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "Token refresh run failed; the next run is in {}: {}",
                                interval,
                                e.getClass().getSimpleName());
                    }
                    try {
                        resealer.runOnce();
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "Key rotation run failed; it resumes in {}: {}",
                                interval,
                                e.getClass().getSimpleName());
                    }
                },
                firstDelay,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("Token refresher started (every {})", interval);
        return new RefreshScheduler(timer, threads);
    }

    @Override
    public void close() {
        threads.stop(timer);
    }
}
