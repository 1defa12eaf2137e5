package co.plugkit.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sandbox's answer to a server-to-server call: an HTTP status and a JSON object, sent after an
 * optional delay (the "slow response" fault).
 */
public record SandboxAnswer(int status, Map<String, Object> body, Duration delay, Map<String, String> headers) {
    public SandboxAnswer {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(delay, "delay");
        headers = Map.copyOf(headers);
    }

    /** An answer without headers of its own. */
    public SandboxAnswer(int status, Map<String, Object> body, Duration delay) {
        this(status, body, delay, Map.of());
    }

    /** The same answer with one more header (Graph's usage headers, say). */
    SandboxAnswer withHeader(String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new SandboxAnswer(status, body, delay, all);
    }

    static SandboxAnswer ok(Map<String, Object> body) {
        return new SandboxAnswer(200, body, Duration.ZERO);
    }

    /** The code exchange's own flat error envelope (instagram-protocol.md §4). */
    static SandboxAnswer flatError(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_type", "OAuthException");
        body.put("code", 400);
        body.put("error_message", message);
        return new SandboxAnswer(400, body, Duration.ZERO);
    }

    /** The Graph API's error envelope (instagram-protocol.md §8), with a fresh {@code fbtrace_id}. */
    static SandboxAnswer graphError(
            int status, String type, int code, Integer subcode, String message, boolean isTransient) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        if (isTransient) {
            error.put("is_transient", true);
        }
        error.put("fbtrace_id", SandboxLedger.randomToken("A", 11));
        return new SandboxAnswer(status, Map.of("error", error), Duration.ZERO);
    }

    SandboxAnswer delayedBy(Duration wait) {
        return new SandboxAnswer(status, body, wait, headers);
    }
}
