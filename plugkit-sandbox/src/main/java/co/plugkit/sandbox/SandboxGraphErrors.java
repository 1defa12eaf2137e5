package co.plugkit.sandbox;

import co.plugkit.sandbox.SandboxLedger.Token;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The Graph host's error answers the sandbox gives, worded as Instagram words them
 * (instagram-protocol.md): a token that cannot be parsed, revoked or expired, and a method a path does
 * not take.
 */
final class SandboxGraphErrors {
    private static final DateTimeFormatter EXPIRY_TEXT = DateTimeFormatter.ofPattern(
                    "EEEE, dd-MMM-yy HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private SandboxGraphErrors() {}

    /** A revoked or expired token's Graph error at {@code now}, if it is one. */
    static Optional<SandboxAnswer> invalid(Token t, Instant now) {
        if (t.revoked()) {
            return Optional.of(SandboxAnswer.graphError(
                    400,
                    "OAuthException",
                    190,
                    460,
                    "Error validating access token: The session has been invalidated because the user changed their"
                            + " password or Facebook has changed the session for security reasons.",
                    false));
        }
        if (!now.isBefore(t.expiresAt())) {
            return Optional.of(expired(t));
        }
        return Optional.empty();
    }

    static SandboxAnswer expired(Token t) {
        return SandboxAnswer.graphError(
                400,
                "OAuthException",
                190,
                463,
                "Error validating access token: Session has expired on " + EXPIRY_TEXT.format(t.expiresAt()) + ".",
                false);
    }

    static SandboxAnswer cannotParse() {
        return SandboxAnswer.graphError(
                400, "OAuthException", 190, null, "Invalid OAuth access token - Cannot parse access token", false);
    }

    static SandboxAnswer unsupportedMethod(SandboxCall call) {
        return SandboxAnswer.graphError(
                400, "OAuthException", 100, null, "Unsupported request - method type: " + lower(call.method()), false);
    }

    static String lower(String method) {
        return method.toLowerCase(Locale.ROOT);
    }
}
