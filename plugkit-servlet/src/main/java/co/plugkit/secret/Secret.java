package co.plugkit.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string (an access token, a client secret, an API key) that never shows itself by accident:
 * {@link #toString()} prints {@code ****}, and the only way to read it is the explicitly named
 * {@link #reveal()}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a non-empty secret value. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** The plaintext; call it only where the value is sent or sealed, never to print it. */
    public String reveal() {
        return value;
    }

    /** Constant-time comparison with a candidate, for tokens presented by a caller. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "****";
    }
}
