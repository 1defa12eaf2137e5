package co.plugkit.internal.engine;

import co.plugkit.internal.threads.GuestThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the housekeeping tasks (the {@link ConnectStateSweeper}, the {@link EventRetentionSweeper}) every
 * interval on one daemon thread, started and stopped with PlugKit, whether or not the token refresher runs.
 * A failing task is logged and the others still run; the next run comes as planned.
 */
public final class HousekeepingScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingScheduler.class);

    /** Often enough that the tables stay small, rarely enough to cost nothing worth measuring. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);

    /**
     * One task of a run.
     *
     * @param what what it deletes, for the log ("expired connect sessions")
     * @param run deletes, and returns how many rows went
     */
    public record Task(String what, IntSupplier run) {}

    private final ScheduledExecutorService timer;
    private final GuestThreads threads;

    private HousekeepingScheduler(ScheduledExecutorService timer, GuestThreads threads) {
        this.timer = timer;
        this.threads = threads;
    }

    /** Starts running the tasks, in order, every {@code interval}, the first time after a random delay. */
    public static HousekeepingScheduler start(List<Task> tasks, Duration interval) {
        List<Task> all = List.copyOf(tasks);
        GuestThreads threads = new GuestThreads("plugkit-housekeeping-");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads);
        // Servers started together should not all sweep at the same moment.
        long firstDelay = ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(interval.toMillis(), 60_000)));
        timer.scheduleWithFixedDelay(
                () -> all.forEach(task -> runOne(task, interval)),
                firstDelay,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return new HousekeepingScheduler(timer, threads);
    }

    private static void runOne(Task task, Duration interval) {
        try {
            int deleted = task.run().getAsInt();
            LOG.debug("Deleted {} {}", deleted, task.what());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Deleting {} failed; the next run is in {}: {}",
                    task.what(),
                    interval,
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        threads.stop(timer);
    }
}
