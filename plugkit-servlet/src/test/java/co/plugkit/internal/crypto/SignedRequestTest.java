package co.plugkit.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.crypto.SignedRequest.Result;
import co.plugkit.internal.web.Json;
import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** signed_request vectors: valid, wrong secret, flipped bit, wrong algorithm, padding, empty parts, oversized. */
class SignedRequestTest {
    private static final Secret SECRET = Secret.of("instagram-app-secret");
    private static final String PAYLOAD =
            "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1291836800,\"expires\":1291840400,"
                    + "\"user_id\":\"17841400000000001\"}";
    private final ObjectMapper json = Json.newMapper();

    private Result verify(String signed) {
        return SignedRequest.verify(signed, SECRET, json);
    }

    @Test
    void aRequestSignedWithOurSecretIsValid() {
        assertThat(verify(SignedRequest.sign(SECRET, PAYLOAD))).isEqualTo(new Result.Valid("17841400000000001"));
    }

    @Test
    void aNumericUserIdIsReadDigitForDigit() {
        String signed = SignedRequest.sign(SECRET, "{\"algorithm\":\"hmac-sha256\",\"user_id\":27281358591558845}");
        assertThat(verify(signed)).isEqualTo(new Result.Valid("27281358591558845"));
    }

    @Test
    void anotherSecretIsABadSignature() {
        assertThat(verify(SignedRequest.sign(Secret.of("someone-else"), PAYLOAD)))
                .isEqualTo(new Result.Invalid("bad_signature"));
    }

    @Test
    void aFlippedBitInSignatureOrPayloadIsABadSignature() {
        String signed = SignedRequest.sign(SECRET, PAYLOAD);
        int dot = signed.indexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(signed.substring(0, dot));
        sig[5] ^= 0x01;
        String flippedSig = Base64.getUrlEncoder().withoutPadding().encodeToString(sig) + signed.substring(dot);
        assertThat(verify(flippedSig)).isEqualTo(new Result.Invalid("bad_signature"));

        String tampered = SignedRequest.sign(SECRET, PAYLOAD).substring(0, dot + 1)
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(PAYLOAD.replace("0001", "0002").getBytes(StandardCharsets.UTF_8));
        assertThat(verify(tampered)).isEqualTo(new Result.Invalid("bad_signature"));
    }

    @Test
    void anotherAlgorithmIsRefusedEvenWhenCorrectlySigned() {
        assertThat(verify(SignedRequest.sign(SECRET, PAYLOAD.replace("HMAC-SHA256", "none"))))
                .isEqualTo(new Result.Invalid("unsupported_algorithm"));
        assertThat(verify(SignedRequest.sign(SECRET, "{\"user_id\":\"1\"}")))
                .isEqualTo(new Result.Invalid("unsupported_algorithm"));
    }

    @Test
    void paddedAndUnpaddedBase64UrlAreBothAccepted() {
        Base64.Encoder padded = Base64.getUrlEncoder();
        String json = PAYLOAD;
        while (json.getBytes(StandardCharsets.UTF_8).length % 3 == 0) {
            json += " "; // a length that base64 must pad
        }
        String payload = padded.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertThat(payload).endsWith("=");
        String signed = padded.encodeToString(SignedRequest.hmac(SECRET, payload)) + "." + payload;
        assertThat(verify(signed)).isEqualTo(new Result.Valid("17841400000000001"));
    }

    @Test
    void emptyPartsMissingDotsAndGarbageAreMalformed() {
        String signed = SignedRequest.sign(SECRET, PAYLOAD);
        int dot = signed.indexOf('.');
        assertThat(verify("")).isEqualTo(new Result.Invalid("missing"));
        assertThat(verify(null)).isEqualTo(new Result.Invalid("missing"));
        assertThat(verify("." + signed.substring(dot + 1))).isEqualTo(new Result.Invalid("malformed"));
        assertThat(verify(signed.substring(0, dot + 1))).isEqualTo(new Result.Invalid("malformed"));
        assertThat(verify(signed.replace(".", ""))).isEqualTo(new Result.Invalid("malformed"));
        assertThat(verify("!!!." + signed.substring(dot + 1))).isEqualTo(new Result.Invalid("malformed"));
        assertThat(verify("c2hvcnQ." + signed.substring(dot + 1))).isEqualTo(new Result.Invalid("malformed"));
        assertThat(verify(SignedRequest.sign(SECRET, "[1,2]"))).isEqualTo(new Result.Invalid("malformed"));
        assertThat(verify(SignedRequest.sign(SECRET, "{\"algorithm\":\"HMAC-SHA256\"}")))
                .isEqualTo(new Result.Invalid("no_user_id"));
        assertThat(verify(SignedRequest.sign(SECRET, "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1; DROP\"}")))
                .isEqualTo(new Result.Invalid("no_user_id"));
    }

    @Test
    void oversizedRequestsAreRefusedUnread() {
        String huge = SignedRequest.sign(
                SECRET,
                "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1\",\"pad\":\"" + "x".repeat(SignedRequest.MAX_LENGTH)
                        + "\"}");
        assertThat(verify(huge)).isEqualTo(new Result.Invalid("too_large"));
    }
}
