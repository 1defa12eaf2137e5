package co.plugkit.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A position in a list, opaque to API clients: it wraps the store's insertion sequence number, so a page
 * never repeats or skips a row when rows are added meanwhile.
 */
public record Cursor(long afterSequence) {
    private static final String TAG = "s1:";

    /** The opaque text sent to clients. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TAG + afterSequence).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor that {@link #encode()} produced, or empty for anything else. */
    public static Optional<Cursor> decode(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            if (!plain.startsWith(TAG)) {
                return Optional.empty();
            }
            long sequence = Long.parseLong(plain.substring(TAG.length()));
            return sequence < 0 ? Optional.empty() : Optional.of(new Cursor(sequence));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
