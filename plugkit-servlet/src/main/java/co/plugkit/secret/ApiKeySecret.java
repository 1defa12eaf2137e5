package co.plugkit.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The plaintext of an API key, {@code sk_} and 64 lowercase hex digits. It exists only while a key is
 * created (to be shown once) or presented (to be hashed and looked up); PlugKit stores the hash alone.
 */
public final class ApiKeySecret {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Pattern FORMAT = Pattern.compile("sk_[0-9a-f]{64}");
    private static final int PREFIX_LENGTH = 11; // "sk_" and 8 hex digits

    private final Secret value;

    private ApiKeySecret(String value) {
        this.value = Secret.of(value);
    }

    /** A new key from 256 random bits. */
    public static ApiKeySecret generate() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return new ApiKeySecret("sk_" + HexFormat.of().formatHex(random));
    }

    /** The key, or empty if {@code text} is not of the key format. */
    public static Optional<ApiKeySecret> parse(String text) {
        return text != null && FORMAT.matcher(text).matches() ? Optional.of(new ApiKeySecret(text)) : Optional.empty();
    }

    /** The plaintext, to show once at creation. */
    public String reveal() {
        return value.reveal();
    }

    /** What the store keeps instead of the key. */
    public String hash() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(value.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The first characters, for telling keys apart in a list. */
    public String prefix() {
        return value.reveal().substring(0, PREFIX_LENGTH);
    }

    @Override
    public String toString() {
        return "ApiKeySecret{****}";
    }
}
