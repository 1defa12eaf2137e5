package co.plugkit.internal.crypto;

import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's {@code signed_request} (deauthorize and data deletion callbacks): {@code <sig>.<payload>}, both
 * base64url, where {@code sig} is the HMAC-SHA256 of the payload segment as sent, keyed with the app
 * secret. Verified in constant time; the payload's {@code algorithm} must be HMAC-SHA256.
 */
public final class SignedRequest {
    /** Real signed requests are a few hundred characters; anything this long is refused unread. */
    public static final int MAX_LENGTH = 8 * 1024;

    private SignedRequest() {}

    /** The outcome of {@link #verify}. */
    public sealed interface Result {
        /** Signed with our secret: the Instagram user it is about. */
        record Valid(String userId) implements Result {}

        /**
         * Refused: {@code missing}, {@code too_large}, {@code malformed}, {@code bad_signature},
         * {@code unsupported_algorithm} or {@code no_user_id}. The reason never repeats the input.
         */
        record Invalid(String reason) implements Result {}
    }

    public static Result verify(String signedRequest, Secret appSecret, ObjectMapper json) {
        if (signedRequest == null || signedRequest.isEmpty()) {
            return new Result.Invalid("missing");
        }
        if (signedRequest.length() > MAX_LENGTH) {
            return new Result.Invalid("too_large");
        }
        int dot = signedRequest.indexOf('.');
        if (dot <= 0 || dot == signedRequest.length() - 1) {
            return new Result.Invalid("malformed");
        }
        String payloadSegment = signedRequest.substring(dot + 1);
        byte[] signature;
        byte[] payload;
        try {
            // Java's URL-safe decoder takes the segments with or without '=' padding.
            signature = Base64.getUrlDecoder().decode(signedRequest.substring(0, dot));
            payload = Base64.getUrlDecoder().decode(payloadSegment);
        } catch (IllegalArgumentException e) {
            return new Result.Invalid("malformed");
        }
        if (signature.length != 32) {
            return new Result.Invalid("malformed");
        }
        if (!MessageDigest.isEqual(hmac(appSecret, payloadSegment), signature)) {
            return new Result.Invalid("bad_signature");
        }
        JsonNode body;
        try {
            body = json.readTree(payload);
        } catch (java.io.IOException e) { // JacksonException included
            return new Result.Invalid("malformed");
        }
        if (body == null || !body.isObject()) {
            return new Result.Invalid("malformed");
        }
        if (!"HMAC-SHA256".equalsIgnoreCase(body.path("algorithm").asText(""))) {
            return new Result.Invalid("unsupported_algorithm");
        }
        JsonNode userId = body.get("user_id");
        if (userId != null && userId.isTextual() && userId.asText().matches("[0-9]{1,32}")) {
            return new Result.Valid(userId.asText());
        }
        if (userId != null
                && userId.isIntegralNumber()
                && userId.bigIntegerValue().signum() >= 0) {
            return new Result.Valid(userId.bigIntegerValue().toString());
        }
        return new Result.Invalid("no_user_id");
    }

    /** HMAC-SHA256 of a segment as sent; public so tests and the sandbox can sign requests. */
    public static byte[] hmac(Secret key, String segment) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(segment.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }

    /** Builds a signed request the way Meta does (unpadded base64url), for tests and the sandbox. */
    public static String sign(Secret key, String payloadJson) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String payload = encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        return encoder.encodeToString(hmac(key, payload)) + "." + payload;
    }
}
