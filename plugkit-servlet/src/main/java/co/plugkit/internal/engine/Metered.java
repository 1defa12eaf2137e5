package co.plugkit.internal.engine;

import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.provider.Platform;
import java.util.Optional;

/**
 * Reports the engine's outcomes to {@link Telemetry} in its low-cardinality terms, so that each place the
 * engine is measured needs one line: the outcome passes through unchanged.
 */
final class Metered {
    private Metered() {}

    /** A callback that began at {@code startNanos} ({@link System#nanoTime()}) ended with {@code outcome}. */
    static CallbackOutcome callback(Telemetry telemetry, Platform platform, long startNanos, CallbackOutcome outcome) {
        Optional<String> failure = outcome instanceof CallbackOutcome.Failed failed
                ? Optional.of(failed.error().code())
                : Optional.empty();
        telemetry.callbackEnded(platform, failure, System.nanoTime() - startNanos);
        return outcome;
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
