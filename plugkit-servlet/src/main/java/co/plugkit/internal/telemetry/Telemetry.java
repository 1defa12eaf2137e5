package co.plugkit.internal.telemetry;

import co.plugkit.provider.Platform;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the engine reports about its work, for metrics. Every value passed is low-cardinality and safe to
 * publish: platform names, stable reason and outcome codes, endpoint templates and status classes — never
 * a secret, an id, a username or a raw URL. Durations are in nanoseconds of {@link System#nanoTime()}.
 *
 * <p>Every method does nothing by default: {@link #NONE} is what a PlugKit without a meter registry uses,
 * and an implementation records only what it knows about.
 */
public interface Telemetry {
    /** Records nothing: the telemetry of a PlugKit built without a meter registry. */
    Telemetry NONE = new Telemetry() {};

    /** A connect was started: an authorization URL with a fresh state was handed out. */
    default void connectStarted(Platform platform) {}

    /**
     * A callback was answered.
     *
     * @param failure empty when the account was connected, else the {@code ConnectError} code
     * @param nanos how long the callback took, the calls to the platform included
     */
    default void callbackEnded(Platform platform, Optional<String> failure, long nanos) {}

    /**
     * A token refresh or check of one account ended.
     *
     * @param activity {@code refresh} or {@code check}
     * @param outcome what it came to: {@code refreshed}, {@code checked}, {@code needs_reconnect},
     *     {@code deferred}, {@code superseded} or {@code not_attempted}
     */
    default void tokenAttempt(String activity, Platform platform, String outcome) {}

    /**
     * PlugKit called Instagram.
     *
     * @param endpoint the endpoint's path template, such as {@code /{version}/me} (never the path sent)
     * @param method the HTTP method
     * @param status the HTTP status of the answer; empty when no complete answer came (timeout, connection
     *     failure, an answer over the size limit)
     * @param nanos how long the call took, until the whole answer was read or the call failed
     */
    default void instagramCall(String endpoint, String method, OptionalInt status, long nanos) {}

    /**
     * A webhook delivery attempt ended (for the events outbox: one call per HTTP attempt).
     *
     * @param outcome {@code delivered}, {@code failed} (will be retried) or {@code gave_up}
     * @param status the receiver's HTTP status; empty when none came
     * @param nanos how long the attempt took
     */
    default void webhookDelivery(String outcome, OptionalInt status, long nanos) {}
}
