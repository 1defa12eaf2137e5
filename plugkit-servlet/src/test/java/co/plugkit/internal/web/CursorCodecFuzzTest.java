package co.plugkit.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.model.Cursor;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Fuzzes the decoder of the {@code cursor} query parameter, which any caller with a key can send.
 *
 * <p>Properties: {@link CursorCodec#decode} returns (never throws) for any text; a cursor it accepts is
 * never negative, came from text of at most 80 characters that spells {@code c1:<list>:<number>} for the
 * very list asked (and is refused on the other list), and encodes back to a cursor that decodes to
 * itself; every cursor the API hands out ({@link CursorCodec#encode}) decodes to itself on its own list
 * and on no other.
 *
 * <p>{@code mvn verify} replays {@code src/test/resources/co/plugkit/web/CursorCodecFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/fuzzing.md).
 */
class CursorCodecFuzzTest {
    /** The lists the API pages through (AccountsServlet, ProfilesServlet). */
    private static final String[] LISTS = {"accounts", "profiles"};

    /**
     * Input: a flags byte, then UTF-8 text. Bit 0 picks the list ({@code accounts}, {@code profiles}); with
     * bit 1 set the text is the plaintext of a cursor and is sent base64url-encoded, as the API would, to
     * get past the base64 layer; without it the text is sent as the {@code cursor} parameter itself. So
     * {@code '0'} + text is a raw cursor for accounts, {@code '2'} + {@code c1:accounts:42} a crafted one.
     */
    @FuzzTest(maxDuration = "2m")
    void decode(byte[] input) {
        int flags = input.length == 0 ? 0 : input[0] & 0xff;
        String list = LISTS[flags & 1];
        String other = LISTS[(flags + 1) & 1];
        String plain = new String(
                input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        String text = (flags & 2) == 0
                ? plain
                : Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));

        // Whatever a caller sends.
        Optional<Cursor> decoded = CursorCodec.decode(list, text);
        assertThat(decoded).isNotNull();
        if (decoded.isPresent()) {
            Cursor cursor = decoded.get();
            assertThat(cursor.afterSequence()).isNotNegative();
            assertThat(text).hasSizeLessThanOrEqualTo(80);
            String prefix = "c1:" + list + ":";
            String decodedPlain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            assertThat(decodedPlain).startsWith(prefix);
            assertThat(Long.parseLong(decodedPlain.substring(prefix.length()))).isEqualTo(cursor.afterSequence());
            assertThat(CursorCodec.decode(other, text)).isEmpty();
            roundTrip(list, other, cursor.afterSequence());
        }
        assertThat(CursorCodec.decode(list, null)).isEmpty();

        // Round trip of what the API hands out, for positions the input spells or hashes to.
        long position = plain.chars().filter(Character::isDigit).count() > 0
                ? plain.chars().filter(c -> c >= '0' && c <= '9').asLongStream().reduce(0, (a, d) -> a * 10 + (d - '0'))
                : plain.hashCode();
        roundTrip(list, other, position & Long.MAX_VALUE);
        roundTrip(list, other, Long.MAX_VALUE - (position & 0xffff));
    }

    private static void roundTrip(String list, String other, long sequence) {
        String encoded = CursorCodec.encode(list, new Cursor(sequence));
        assertThat(encoded).hasSizeLessThanOrEqualTo(80).matches("[A-Za-z0-9_-]+");
        assertThat(CursorCodec.decode(list, encoded)).contains(new Cursor(sequence));
        assertThat(CursorCodec.decode(other, encoded)).isEmpty();
    }
}
