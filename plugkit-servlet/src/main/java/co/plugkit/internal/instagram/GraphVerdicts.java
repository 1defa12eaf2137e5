package co.plugkit.internal.instagram;

import co.plugkit.internal.engine.GraphVerdict;
import co.plugkit.provider.ProviderError;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a Graph API answer means for PlugKit (instagram-protocol §8, in docs/using-accounts.md): error 190
 * (or 102) is a token rejected for good; codes 4 (app), 17 (user), 32 (page), 613 (custom) and 80000–80014
 * (Business Use Case, 80002 for Instagram), or an HTTP 429, are throttling. When the usage headers say when
 * access comes back ({@code estimated_time_to_regain_access} in minutes in {@code
 * X-Business-Use-Case-Usage}, {@code reset_time_duration} in seconds in {@code X-Ad-Account-Usage}), that
 * is the {@code Retry-After}; {@code X-App-Usage} carries percentages only, so it gives none.
 */
final class GraphVerdicts {
    private static final int MAX_RETRY_SECONDS = 24 * 60 * 60;

    private final ObjectMapper json;

    GraphVerdicts(ObjectMapper json) {
        this.json = json;
    }

    GraphVerdict of(int status, byte[] body, Map<String, String> usage) {
        Optional<ProviderError> error = parse(body).flatMap(InstagramResponses::error);
        if (error.isPresent()) {
            Optional<String> rejected = InstagramFailures.tokenRejectedReason(error.get());
            if (rejected.isPresent()) {
                return new GraphVerdict.TokenRejected(error.get(), rejected.get());
            }
            if (isThrottling(error.get().code())) {
                return new GraphVerdict.Throttled(error.get(), retryAfter(usage));
            }
        }
        if (status == 429) {
            return new GraphVerdict.Throttled(
                    error.orElse(new ProviderError("unknown", 429, Optional.empty(), "HTTP 429")), retryAfter(usage));
        }
        return new GraphVerdict.Passed();
    }

    static boolean isThrottling(int code) {
        return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014);
    }

    /** The longest wait any usage header announces, in whole seconds; empty if none announces one. */
    Optional<Duration> retryAfter(Map<String, String> usage) {
        long seconds = 0;
        Optional<JsonNode> buc = parse(usage.get("X-Business-Use-Case-Usage"));
        if (buc.isPresent()) {
            for (JsonNode entries : buc.get()) {
                for (JsonNode entry : entries) {
                    seconds = Math.max(
                            seconds,
                            60 * entry.path("estimated_time_to_regain_access").asLong(0));
                }
            }
        }
        Optional<JsonNode> ad = parse(usage.get("X-Ad-Account-Usage"));
        if (ad.isPresent()) {
            seconds = Math.max(seconds, ad.get().path("reset_time_duration").asLong(0));
        }
        return seconds > 0 ? Optional.of(Duration.ofSeconds(Math.min(seconds, MAX_RETRY_SECONDS))) : Optional.empty();
    }

    private Optional<JsonNode> parse(String text) {
        return text == null ? Optional.empty() : parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Optional<JsonNode> parse(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
