package co.plugkit.internal.threads;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that behave as guests in a servlet container: named after PlugKit, daemon, without the
 * webapp's context class loader (so a stopped webapp is never pinned by them), and known by name to
 * whoever stops them, who can wait until each has really ended.
 *
 * <p>Waiting for an executor to terminate is not enough: its worker thread is still alive for a moment
 * after the executor reports termination, and Tomcat, which looks for a stopped webapp's threads right
 * away, reports that moment as a leak. {@link #awaitEnd(Duration)} joins the threads themselves.
 *
 * <p>Internal to PlugKit; not part of its API.
 */
public final class GuestThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> made = ConcurrentHashMap.newKeySet();

    /** Threads named {@code prefix} followed by a counter. */
    public GuestThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        // A cached pool makes threads for as long as it lives: forget those that have ended.
        made.removeIf(thread -> thread.getState() == Thread.State.TERMINATED);
        Thread thread = new Thread(task, prefix + count.incrementAndGet());
        thread.setDaemon(true);
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        made.add(thread);
        return thread;
    }

    /**
     * Stops {@code executor}, which runs on threads made here: interrupts what runs, gives it up to ten
     * seconds to return, then waits up to five more for the threads themselves to end (see the class
     * comment). The one way PlugKit's background schedulers and dispatchers stop.
     */
    public void stop(ExecutorService executor) {
        executor.shutdownNow();
        try {
            if (executor.awaitTermination(10, TimeUnit.SECONDS)) {
                awaitEnd(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until every thread made here has ended, for at most {@code limit} in all; call it after
     * shutting down the executor that uses them. Says whether they all ended.
     */
    public boolean awaitEnd(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (Thread thread : made) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    break;
                }
                thread.join(leftMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return made.stream().noneMatch(Thread::isAlive);
    }
}
