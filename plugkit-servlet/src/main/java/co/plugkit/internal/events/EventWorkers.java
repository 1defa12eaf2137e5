package co.plugkit.internal.events;

import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.threads.GuestThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background side of events on one server, on one PlugKit thread: Meta's stored deliveries are
 * processed, failed webhook subscriptions tried again and the host's webhooks sent — every few seconds,
 * and at once when {@link #wake()} says there is new work. Several servers share the work through the
 * store's leases, each under its own owner name.
 */
public final class EventWorkers implements AutoCloseable, java.util.concurrent.Executor {
    private static final Logger LOG = LoggerFactory.getLogger(EventWorkers.class);

    /** One round of background work, as {@code owner}. */
    @FunctionalInterface
    public interface Task {
        void run(String owner);
    }

    private final String owner = "events-" + Hashing.randomUrlToken(9);
    private volatile List<Task> tasks = List.of();
    private final GuestThreads threads = new GuestThreads("plugkit-events-");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads);
    private final AtomicBoolean woken = new AtomicBoolean();

    /** Starts the rounds: {@code tasks} every {@code interval}. */
    public void start(List<Task> tasks, Duration interval) {
        this.tasks = List.copyOf(tasks);
        timer.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs one piece of work on the workers' thread (a subscription after a connect). */
    @Override
    public void execute(Runnable work) {
        timer.execute(work);
    }

    /** Runs a round soon, coalescing many calls into one; returns at once. */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                timer.execute(() -> {
                    woken.set(false);
                    round();
                });
            } catch (RejectedExecutionException e) {
                woken.set(false); // stopping: the next server start picks the work up
            }
        }
    }

    private void round() {
        for (Task task : tasks) {
            try {
                task.run(owner);
            } catch (RuntimeException e) {
                LOG.warn("Background event work failed; it runs again shortly: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        threads.stop(timer);
    }
}
