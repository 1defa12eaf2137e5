package co.plugkit.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread does, with a generous bound (the machine may be busy). */
public final class Eventually {
    private Eventually() {}

    /** Polls {@code condition} until it holds; fails with {@code what} after {@code limit}. */
    public static void until(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }
}
