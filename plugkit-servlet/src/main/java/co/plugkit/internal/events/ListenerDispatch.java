package co.plugkit.internal.events;

import co.plugkit.internal.threads.GuestThreads;
import co.plugkit.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed events to the host's listeners ({@code co.plugkit.PlugKitEventListener}, adapted) on one PlugKit thread: the store's
 * after-commit sink only queues them, so the API never waits for a listener. A listener that throws gets
 * the event again after a doubling pause, up to {@link #MAX_ATTEMPTS} times.
 */
public final class ListenerDispatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);

    static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);

    /** A listener as PlugKit adapts it (this package does not depend on the public one). */
    @FunctionalInterface
    public interface Handler {
        void onEvent(Event event) throws Exception;

        /** What the log names it by. */
        default String name() {
            return getClass().getName();
        }
    }

    private final List<Handler> listeners;
    private final GuestThreads threads = new GuestThreads("plugkit-listeners-");
    private final ScheduledExecutorService executor;

    public ListenerDispatch(List<Handler> listeners) {
        this.listeners = List.copyOf(listeners);
        this.executor = Executors.newSingleThreadScheduledExecutor(threads);
    }

    /** Queues committed events for every listener; returns at once. */
    public void committed(List<Event> events) {
        for (Event event : events) {
            for (Handler listener : listeners) {
                schedule(listener, event, 1, Duration.ZERO);
            }
        }
    }

    private void schedule(Handler listener, Event event, int attempt, Duration delay) {
        try {
            executor.schedule(() -> call(listener, event, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("PlugKit is stopping: event {} ({}) not handed to a listener", event.id(), event.type());
        }
    }

    private void call(Handler listener, Event event, int attempt) {
        try {
            listener.onEvent(event);
        } catch (Exception | LinkageError e) {
            if (attempt >= MAX_ATTEMPTS) {
                LOG.error(
                        "Listener {} failed on event {} ({}) {} times; giving up: {}",
                        listener.name(),
                        event.id(),
                        event.type(),
                        attempt,
                        e.toString());
                return;
            }
            Duration delay = retryDelay(attempt);
            LOG.warn(
                    "Listener {} failed on event {} ({}); trying again in {}: {}",
                    listener.name(),
                    event.id(),
                    event.type(),
                    delay,
                    e.toString());
            schedule(listener, event, attempt + 1, delay);
        }
    }

    static Duration retryDelay(int attempt) {
        long millis = FIRST_RETRY.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_RETRY.toMillis()));
    }

    @Override
    public void close() {
        threads.stop(executor);
    }
}
