package co.plugkit.id;

import java.util.Optional;

/** The id of a API key: `key_` followed by lowercase letters and digits. */
public record ApiKeyId(String value) {
    private static final IdFormat FORMAT = new IdFormat("key_");

    /** @throws IllegalArgumentException if {@code value} is not a well-formed API key id */
    public ApiKeyId {
        FORMAT.require(value);
    }

    /** A new random id. */
    public static ApiKeyId random() {
        return new ApiKeyId(FORMAT.random());
    }

    /** The id, or empty if {@code value} is null or malformed. */
    public static Optional<ApiKeyId> parse(String value) {
        return FORMAT.parse(value, ApiKeyId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
