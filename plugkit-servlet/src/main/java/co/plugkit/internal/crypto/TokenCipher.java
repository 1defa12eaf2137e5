package co.plugkit.internal.crypto;

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
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals access tokens at rest with AES-256-GCM, in the standard JWE compact format ({@code dir},
 * {@code A256GCM}) so that no hand-written crypto format is involved. The JWE header carries a key id
 * derived from the key, so a later rotation can tell which key sealed which token.
 *
 * <p>Each token is bound to its account row ({@link TokenBinding}): the protected header carries the
 * binding, and in compact JWE the protected header is the additional authenticated data, so it cannot be
 * changed without the ciphertext failing to decrypt. A ciphertext copied into another row therefore opens
 * nowhere but in its own.
 *
 * <p>Key rotation: a cipher has one primary key, which seals, and any number of old keys, which only open.
 * {@link #reseal} opens a token with whichever key sealed it and seals it again with the primary key, for
 * the same row.
 */
public final class TokenCipher {
    /**
     * The header parameter holding the {@link TokenBinding} digest. It is listed as critical ({@code crit}),
     * so a JWE library that does not know it refuses the token instead of ignoring the binding.
     */
    static final String BINDING_PARAM = "plugkit_row";

    private final String keyId;
    private final DirectEncrypter encrypter;
    /** Every key's decrypter by key id: the primary's and the old keys'. */
    private final Map<String, DirectDecrypter> decrypters;

    /** @param key 32 bytes; copied, so the caller may wipe its array */
    public TokenCipher(byte[] key) {
        this(key, List.of());
    }

    /**
     * @param key the primary key, which seals (32 bytes; copied, so the caller may wipe its array)
     * @param oldKeys keys that only open tokens they sealed before (32 bytes each, copied); one equal to
     *     the primary key is ignored
     */
    public TokenCipher(byte[] key, List<byte[]> oldKeys) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldKeys, "oldKeys");
        this.keyId = keyIdOf(requireKeySize(key));
        Map<String, DirectDecrypter> all = new LinkedHashMap<>();
        try {
            SecretKey primary = new SecretKeySpec(key.clone(), "AES");
            this.encrypter = new DirectEncrypter(primary);
            all.put(keyId, new DirectDecrypter(primary, Set.of(BINDING_PARAM)));
            for (byte[] old : oldKeys) {
                all.putIfAbsent(
                        keyIdOf(requireKeySize(old)),
                        new DirectDecrypter(new SecretKeySpec(old.clone(), "AES"), Set.of(BINDING_PARAM)));
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
        this.decrypters = Collections.unmodifiableMap(all);
    }

    private static byte[] requireKeySize(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the token key must be 32 bytes");
        }
        return key;
    }

    /** The id of the primary key, which seals: a short fingerprint that does not reveal the key. */
    public String keyId() {
        return keyId;
    }

    /**
     * The ids of every key this cipher can open tokens with: the primary key's and the old keys'. The
     * start-up check ({@code StoredTokenKeys}) accepts tokens sealed with any of them.
     */
    public Set<String> knownKeyIds() {
        return decrypters.keySet();
    }

    /** Whether old keys are configured, i.e. a rotation is under way and tokens may need sealing again. */
    public boolean hasOldKeys() {
        return decrypters.size() > 1;
    }

    /**
     * Opens a token sealed with any known key and seals it again with the primary key for the same row
     * (a token sealed before bindings existed gains its binding). The plaintext never leaves this method.
     *
     * @throws UnreadableTokenException as {@link #open} does
     */
    public SealedToken reseal(SealedToken sealed, TokenBinding binding) throws UnreadableTokenException {
        return seal(open(sealed, binding), binding);
    }

    /** Seals a token for the account row {@code binding} names; only {@link #open} with the same binding opens it. */
    public SealedToken seal(Secret token, TokenBinding binding) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(binding, "binding");
        JWEObject jwe = new JWEObject(
                new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                        .keyID(keyId)
                        .customParam(BINDING_PARAM, binding.digest())
                        .criticalParams(Set.of(BINDING_PARAM))
                        .build(),
                new Payload(token.reveal()));
        try {
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not encrypt a token", e);
        }
        return new SealedToken(keyId, jwe.serialize());
    }

    /**
     * Opens a token stored in the account row {@code binding} names.
     *
     * <p>A token sealed before tokens were bound to their rows has no binding in its header. It is opened
     * as before (refusing it would disconnect every account on upgrade), and it is sealed again with its
     * binding at its next token write — the next refresh or reconnect — since every write seals anew.
     *
     * @throws UnreadableTokenException if the token was sealed with a key this cipher does not have, does
     *     not decrypt (damaged or tampered with), or was sealed for another row; the message never holds
     *     the ciphertext
     */
    public Secret open(SealedToken sealed, TokenBinding binding) throws UnreadableTokenException {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(binding, "binding");
        DirectDecrypter decrypter = decrypters.get(sealed.keyId());
        if (decrypter == null) {
            throw new UnreadableTokenException(
                    UnreadableTokenException.Reason.UNKNOWN_KEY,
                    "token sealed with key " + sealed.keyId() + ", which is not configured");
        }
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(sealed.ciphertext());
            jwe.decrypt(decrypter);
        } catch (ParseException | JOSEException e) {
            // The message of the cause is left out on purpose: it never needs the ciphertext to be useful.
            throw new UnreadableTokenException(
                    UnreadableTokenException.Reason.UNDECRYPTABLE,
                    "a stored token could not be decrypted (" + e.getClass().getSimpleName() + ")");
        }
        // Read only after decryption succeeded: only then is the header known to be the one sealed.
        Object bound = jwe.getHeader().getCustomParam(BINDING_PARAM);
        if (bound != null && !constantTimeEquals(bound.toString(), binding.digest())) {
            throw new UnreadableTokenException(
                    UnreadableTokenException.Reason.WRONG_ROW, "a stored token was sealed for another account");
        }
        return Secret.of(jwe.getPayload().toString());
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
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
