package co.plugkit.internal.web;

import co.plugkit.model.Cursor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque text of a cursor, naming the list it belongs to, so a profiles cursor sent to the accounts
 * list is refused instead of quietly shifting the page.
 */
final class CursorCodec {
    private static final String VERSION = "c1";

    private CursorCodec() {}

    static String encode(String list, Cursor cursor) {
        String plain = VERSION + ":" + list + ":" + cursor.afterSequence();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor that {@link #encode} made for this list, or empty for anything else. */
    static Optional<Cursor> decode(String list, String text) {
        if (text == null || text.length() > 80) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String prefix = VERSION + ":" + list + ":";
            if (!plain.startsWith(prefix)) {
                return Optional.empty();
            }
            long sequence = Long.parseLong(plain.substring(prefix.length()));
            return sequence < 0 ? Optional.empty() : Optional.of(new Cursor(sequence));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
