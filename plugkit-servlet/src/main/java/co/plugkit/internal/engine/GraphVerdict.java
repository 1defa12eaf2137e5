package co.plugkit.internal.engine;

import co.plugkit.provider.ProviderError;
import java.time.Duration;
import java.util.Optional;

/** What an answer of Instagram's Graph API means for PlugKit, beyond being passed on to the client. */
public sealed interface GraphVerdict {

    /** Nothing for PlugKit to do: a success, or an error that is the client's business. */
    record Passed() implements GraphVerdict {}

    /** Instagram rejected the token for good (190): the account needs reconnecting with this reason. */
    record TokenRejected(ProviderError error, String reason) implements GraphVerdict {}

    /**
     * Instagram throttled the call (codes 4, 17, 32, 613, the Business Use Case limits, or HTTP 429);
     * {@code retryAfter} is computed from the usage headers when they tell when access comes back.
     */
    record Throttled(ProviderError error, Optional<Duration> retryAfter) implements GraphVerdict {}
}
