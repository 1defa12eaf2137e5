package co.plugkit.internal.engine;

import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.provider.Platform;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reports the engine's outcomes to {@link Telemetry} in its low-cardinality terms, so that each place the
 * engine is measured needs one line: the outcome passes through unchanged.
 */
final class Metered {
    private Metered() {}

    /**
     * Runs a callback and reports how it ended and how long it took. One that throws (a bug: expected
     * failures are values) counts as {@code internal_error}, which is what the callback page then shows.
     */
    static CallbackOutcome callback(Telemetry telemetry, Platform platform, Supplier<CallbackOutcome> callback) {
        long start = System.nanoTime();
        Optional<String> failure = Optional.of(ConnectError.INTERNAL_ERROR.code());
        try {
            CallbackOutcome outcome = callback.get();
            failure = outcome instanceof CallbackOutcome.Failed failed
                    ? Optional.of(failed.error().code())
                    : Optional.empty();
            return outcome;
        } finally {
            telemetry.callbackEnded(platform, failure, System.nanoTime() - start);
        }
    }

    /** A refresh or check ({@code activity}) of one claimed account ended with {@code outcome}. */
    static RefreshOutcome token(Telemetry telemetry, String activity, Platform platform, RefreshOutcome outcome) {
        telemetry.tokenAttempt(activity, platform, name(outcome));
        return outcome;
    }

    static String name(RefreshOutcome outcome) {
        if (outcome instanceof RefreshOutcome.Refreshed) {
            return "refreshed";
        }
        if (outcome instanceof RefreshOutcome.Checked) {
            return "checked";
        }
        if (outcome instanceof RefreshOutcome.NeedsReconnect) {
            return "needs_reconnect";
        }
        if (outcome instanceof RefreshOutcome.Deferred) {
            return "deferred";
        }
        if (outcome instanceof RefreshOutcome.Superseded) {
            return "superseded";
        }
        return outcome instanceof RefreshOutcome.NotFound ? "not_found" : "not_attempted";
    }
}
