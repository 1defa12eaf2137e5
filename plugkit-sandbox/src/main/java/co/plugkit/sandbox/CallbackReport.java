package co.plugkit.sandbox;

import java.net.URI;
import java.util.Objects;

/**
 * What happened when the sandbox sent one of Meta's callbacks to PlugKit: what it sent (never the signed
 * request itself, only its payload, which holds no secret) and how PlugKit answered.
 *
 * @param callback which callback
 * @param account the sandbox account it was about
 * @param target the URL it was posted to
 * @param payloadJson the signed request's payload ({@code algorithm}, {@code issued_at}, {@code user_id})
 * @param delivery PlugKit's answer, as Meta would judge it
 */
public record CallbackReport(
        SandboxCallback callback, SandboxAccount account, URI target, String payloadJson, Delivery delivery) {

    public CallbackReport {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** PlugKit's answer to a callback. */
    public sealed interface Delivery {
        /** True when PlugKit answered as Meta expects. */
        default boolean succeeded() {
            return this instanceof Acknowledged || this instanceof DeletionConfirmed;
        }
    }

    /** The deauthorize callback was acknowledged with a 2xx. */
    public record Acknowledged(int status) implements Delivery {}

    /**
     * The data deletion callback was answered as Meta requires: {@code url} (the status page) and an
     * alphanumeric {@code confirmation_code}.
     */
    public record DeletionConfirmed(int status, String confirmationCode, URI statusUrl) implements Delivery {
        @Override
        public String toString() {
            return "DeletionConfirmed{status=" + status + "}"; // the code stays off log lines
        }
    }

    /** PlugKit refused the callback, with its error code and message. */
    public record Refused(int status, String errorCode, String message) implements Delivery {}

    /** PlugKit answered, but not as Meta expects (for example no confirmation code). */
    public record Unexpected(int status, String problem) implements Delivery {}

    /** PlugKit could not be reached; {@code reason} names the failure, never a secret. */
    public record Unreachable(String reason) implements Delivery {}
}
