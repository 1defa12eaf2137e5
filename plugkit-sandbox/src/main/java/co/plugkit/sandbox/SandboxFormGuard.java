package co.plugkit.sandbox;

import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The anti-forgery check of the sandbox's callback page (a signed double-submit cookie): the browser
 * holds a random nonce in a {@code SameSite=Strict}, {@code HttpOnly} cookie, and the page's forms carry
 * the nonce's HMAC under a key that never leaves this sandbox. Another site can neither read the form nor
 * make the browser send the cookie, and a planted cookie is useless without the key. No server-side
 * session is needed; the key lives in memory, so after a restart (or on another node) the page must be
 * reloaded once — acceptable for a sandbox.
 */
final class SandboxFormGuard {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Secret key = Secret.of(HexFormat.of().formatHex(Hashing.randomBytes(32)));

    /** A fresh nonce for the cookie: 32 lowercase hex digits. */
    String newNonce() {
        return HexFormat.of().formatHex(Hashing.randomBytes(16));
    }

    /** Whether {@code nonce} has the shape of one this guard makes (anything else is replaced). */
    boolean wellFormed(String nonce) {
        return nonce != null && nonce.matches("[0-9a-f]{32}");
    }

    /** The form token for a nonce. */
    String tokenFor(String nonce) {
        return BASE64URL.encodeToString(SignedRequest.hmac(key, nonce));
    }

    /** Whether the form's token belongs to the cookie's nonce (compared in constant time). */
    boolean accepts(String nonce, String token) {
        if (!wellFormed(nonce) || token == null) {
            return false;
        }
        return MessageDigest.isEqual(
                tokenFor(nonce).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }
}
