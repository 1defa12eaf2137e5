package co.plugkit.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.crypto.SignedRequest.Result;
import co.plugkit.internal.web.Json;
import co.plugkit.secret.Secret;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * Fuzzes Meta's {@code signed_request} parser. Most random text never gets past the signature, so the
 * input also chooses to be signed with the app secret: then the fuzzed bytes reach the JSON payload.
 *
 * <p>Properties: {@link SignedRequest#verify} returns (never throws) for any text; a refusal is one of
 * the documented reasons; a valid request names a user by decimal digits; a request not signed with our
 * secret is never valid; and a payload we sign ourselves is judged the same whatever its padding.
 *
 * <p>{@code mvn verify} replays {@code src/test/resources/co/plugkit/crypto/SignedRequestFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/fuzzing.md).
 */
class SignedRequestFuzzTest {
    private static final Secret SECRET = Secret.of("instagram-app-secret");
    private static final Set<String> REASONS =
            Set.of("missing", "too_large", "malformed", "bad_signature", "unsupported_algorithm", "no_user_id");
    private static final ObjectMapper JSON = Json.newMapper();

    /**
     * Input: a mode byte, then UTF-8 text. Mode 0 (byte {@code 0} or {@code '0'}, taken modulo 3): the text is the {@code signed_request} as
     * sent. Mode 1: the text is the JSON payload, signed as Meta signs it. Mode 2: the text is the payload
     * segment as sent (not necessarily base64), with the right signature over it.
     */
    @FuzzTest(maxDuration = "2m")
    void verify(byte[] input) {
        int mode = input.length == 0 ? 0 : (input[0] & 0xff) % 3;
        byte[] rest = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        String text = new String(rest, StandardCharsets.UTF_8);
        switch (mode) {
            case 0 -> {
                // Unsigned: never valid (a forged signature would be a 2^-256 guess)...
                Result result = checked(text);
                // ...unless the text happens to be one that we signed ourselves (a committed seed).
                if (result instanceof Result.Valid) {
                    String segment = text.substring(text.indexOf('.') + 1);
                    assertThat(text).startsWith(encode(SignedRequest.hmac(SECRET, segment)));
                }
            }
            case 1 -> {
                // The payload signed as Meta signs it (unpadded base64url), and again with '=' padding.
                String segment = Base64.getUrlEncoder().withoutPadding().encodeToString(rest);
                Result unpadded = checked(signedSegment(segment));
                String padded = Base64.getUrlEncoder().encodeToString(rest);
                if (!padded.equals(segment)) {
                    // The signature covers the segment as sent, so the padded one is signed anew.
                    assertThat(checked(signedSegment(padded))).isEqualTo(unpadded);
                }
                if (unpadded instanceof Result.Valid) {
                    assertThat(text.toLowerCase(java.util.Locale.ROOT)).contains("hmac-sha256");
                }
                // Signed with another secret, the same payload is refused for its signature alone.
                String foreign = encode(SignedRequest.hmac(Secret.of("someone-else"), segment)) + "." + segment;
                if (!segment.isEmpty() && foreign.length() <= SignedRequest.MAX_LENGTH) {
                    assertThat(checked(foreign)).isEqualTo(new Result.Invalid("bad_signature"));
                }
            }
            default -> checked(signedSegment(text));
        }
    }

    /** Verifies {@code text} and checks the properties every result has. */
    private static Result checked(String text) {
        Result result = SignedRequest.verify(text, SECRET, JSON);
        assertThat(result).isNotNull();
        if (result instanceof Result.Invalid invalid) {
            assertThat(REASONS).contains(invalid.reason());
        } else {
            String userId = ((Result.Valid) result).userId();
            assertThat(userId).matches("[0-9]+");
            assertThat(text).isNotNull().hasSizeLessThanOrEqualTo(SignedRequest.MAX_LENGTH);
        }
        return result;
    }

    private static String signedSegment(String segment) {
        return encode(SignedRequest.hmac(SECRET, segment)) + "." + segment;
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
