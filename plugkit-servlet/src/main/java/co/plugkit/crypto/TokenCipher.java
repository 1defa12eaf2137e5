package co.plugkit.crypto;

import co.plugkit.model.SealedToken;
import co.plugkit.secret.Secret;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals access tokens at rest with AES-256-GCM, in the standard JWE compact format ({@code dir},
 * {@code A256GCM}) so that no hand-written crypto format is involved. The JWE header carries a key id
 * derived from the key, so a later rotation can tell which key sealed which token.
 */
public final class TokenCipher {
    private final SecretKey key;
    private final String keyId;
    private final DirectEncrypter encrypter;
    private final DirectDecrypter decrypter;

    /** @param key 32 bytes; copied, so the caller may wipe its array */
    public TokenCipher(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 32) {
            throw new IllegalArgumentException("the token key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.keyId = keyIdOf(key);
        try {
            this.encrypter = new DirectEncrypter(this.key);
            this.decrypter = new DirectDecrypter(this.key);
        } catch (JOSEException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    /** The id of this key: a short fingerprint that does not reveal the key. */
    public String keyId() {
        return keyId;
    }

    public SealedToken seal(Secret token) {
        JWEObject jwe = new JWEObject(
                new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                        .keyID(keyId)
                        .build(),
                new Payload(token.reveal()));
        try {
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not encrypt a token", e);
        }
        return new SealedToken(keyId, jwe.serialize());
    }

    /** @throws IllegalStateException if the token was sealed with another key or was tampered with */
    public Secret open(SealedToken sealed) {
        if (!keyId.equals(sealed.keyId())) {
            throw new IllegalStateException("token sealed with unknown key " + sealed.keyId());
        }
        try {
            JWEObject jwe = JWEObject.parse(sealed.ciphertext());
            jwe.decrypt(decrypter);
            return Secret.of(jwe.getPayload().toString());
        } catch (ParseException | JOSEException e) {
            // The message of the cause is left out on purpose: it never needs the ciphertext to be useful.
            throw new IllegalStateException(
                    "a stored token could not be decrypted (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String keyIdOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("plugkit-token-key:".getBytes(StandardCharsets.US_ASCII));
            return "k-" + HexFormat.of().formatHex(sha.digest(key), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
