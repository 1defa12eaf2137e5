package co.plugkit.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The plaintext of an API key. It exists only while a key is created (to be shown once) or presented (to
 * be hashed and looked up); PlugKit stores the hash alone.
 *
 * <p>A key is {@code sk_}, 64 lowercase hex digits (256 random bits) and, for keys created since PlugKit
 * added it, {@code _} and a checksum: the CRC-32 of everything before that {@code _} ({@code sk_} and the 64
 * digits, as ASCII), as 8 lowercase hex digits. The checksum lets PlugKit refuse a mistyped or made-up key
 * without asking the database, and lets secret scanners recognise a leaked key ({@link #CHECKSUMMED_REGEX}).
 * Keys without a checksum ({@code sk_<64 hex>}, created before) stay valid.
 */
public final class ApiKeySecret {
    /** Every key PlugKit accepts: the current format with a checksum, and the older one without. */
    public static final String ACCEPTED_REGEX = "sk_[0-9a-f]{64}(?:_[0-9a-f]{8})?";

    /** The format of every key PlugKit creates now; the last 8 digits are the CRC-32 of the text before the {@code _}. */
    public static final String CHECKSUMMED_REGEX = "sk_[0-9a-f]{64}_[0-9a-f]{8}";

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Pattern FORMAT = Pattern.compile(ACCEPTED_REGEX);
    private static final int BODY_LENGTH = 3 + 64; // "sk_" and 64 hex digits
    private static final int PREFIX_LENGTH = 11; // "sk_" and 8 hex digits

    private final Secret value;

    private ApiKeySecret(String value) {
        this.value = Secret.of(value);
    }

    /** A new key from 256 random bits, with its checksum. */
    public static ApiKeySecret generate() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String body = "sk_" + HexFormat.of().formatHex(random);
        return new ApiKeySecret(body + "_" + checksum(body));
    }

    /**
     * The key, or empty if {@code text} is not of either key format or its checksum does not match: no
     * database is asked either way.
     */
    public static Optional<ApiKeySecret> parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            return Optional.empty();
        }
        if (text.length() > BODY_LENGTH
                && !checksum(text.substring(0, BODY_LENGTH)).equals(text.substring(BODY_LENGTH + 1))) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeySecret(text));
    }

    /** Whether this key carries a checksum (every key created by this version does). */
    public boolean checksummed() {
        return value.reveal().length() > BODY_LENGTH;
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return String.format("%08x", crc.getValue());
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
