package co.plugkit.model;

import java.util.Objects;

/**
 * An access token encrypted at rest: a JWE compact serialisation and the id of the key that sealed it,
 * kept apart so that a key rotation can find what an old key sealed.
 */
public record SealedToken(String keyId, String ciphertext) {
    public SealedToken {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    @Override
    public String toString() {
        return "SealedToken{keyId=" + keyId + "}";
    }
}
