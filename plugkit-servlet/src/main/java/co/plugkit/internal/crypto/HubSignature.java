package co.plugkit.internal.crypto;

import co.plugkit.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature, {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} keyed
 * with the app secret. The sandbox signs with it; PlugKit verifies with it, in constant time.
 */
public final class HubSignature {
    private static final Pattern HEADER = Pattern.compile("sha256=[0-9a-fA-F]{64}");

    private HubSignature() {}

    /** The header value for {@code body}. */
    public static String sign(Secret appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(appSecret, body));
    }

    /** Whether {@code header} is the signature of exactly these bytes; malformed headers never are. */
    public static boolean verify(Secret appSecret, byte[] body, String header) {
        String h = header.strip();
        return HEADER.matcher(h).matches()
                && MessageDigest.isEqual(hmac(appSecret, body), HexFormat.of().parseHex(h.substring(7)));
    }

    private static byte[] hmac(Secret appSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
