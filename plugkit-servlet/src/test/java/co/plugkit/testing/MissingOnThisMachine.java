package co.plugkit.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it runs against (a database service, a browser, a proxy) is not on
 * this machine: on a developer's machine it is skipped with a message nobody can miss; under CI
 * ({@code CI=true}) it fails, so that it can never silently stop running.
 */
public final class MissingOnThisMachine {
    private MissingOnThisMachine() {}

    /** Skips the current test loudly, or fails it under CI; {@code message} says what is missing and how to get it. */
    public static void skipOrFail(String test, String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(test + ": " + message + " Under CI this is a failure, not a skip.");
        }
        System.err.println();
        System.err.println("!".repeat(78));
        System.err.println("!! SKIPPING " + test + ": " + message);
        System.err.println("!".repeat(78));
        System.err.println();
        Assumptions.abort(message);
    }
}
