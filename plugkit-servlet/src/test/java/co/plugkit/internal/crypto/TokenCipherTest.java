package co.plugkit.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.SealedToken;
import co.plugkit.provider.Platform;
import co.plugkit.secret.ApiKeySecret;
import co.plugkit.secret.Secret;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenCipherTest {
    private final TokenCipher cipher =
            new TokenCipher("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private static final TokenBinding ROW = new TokenBinding(
            new WorkspaceId("ws_00000000000000000000000a"),
            new ProfileId("prof_00000000000000000000000a"),
            Platform.INSTAGRAM,
            "1784140001");

    @Test
    void sealsAndOpensWithAFreshNonceEachTime() throws Exception {
        SealedToken a = cipher.seal(Secret.of("IGAAsecret-token"), ROW);
        SealedToken b = cipher.seal(Secret.of("IGAAsecret-token"), ROW);

        assertThat(a.ciphertext()).doesNotContain("IGAAsecret").isNotEqualTo(b.ciphertext());
        assertThat(a.keyId()).isEqualTo(cipher.keyId()).startsWith("k-");
        assertThat(cipher.open(a, ROW).reveal()).isEqualTo("IGAAsecret-token");
        assertThat(a.toString()).doesNotContain(a.ciphertext());
    }

    @Test
    void refusesTamperedCiphertextAndOtherKeys() {
        SealedToken sealed = cipher.seal(Secret.of("IGAAsecret-token"), ROW);
        String[] parts = sealed.ciphertext().split("\\.");
        char flipped = parts[3].charAt(0) == 'A' ? 'B' : 'A';
        parts[3] = flipped + parts[3].substring(1);
        SealedToken tampered = new SealedToken(sealed.keyId(), String.join(".", parts));

        assertThatThrownBy(() -> cipher.open(tampered, ROW))
                .isInstanceOfSatisfying(
                        UnreadableTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableTokenException.Reason.UNDECRYPTABLE))
                .hasMessageNotContaining(sealed.ciphertext());
        TokenCipher other = new TokenCipher("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThat(other.keyId()).isNotEqualTo(cipher.keyId());
        assertThat(other.knownKeyIds()).containsExactly(other.keyId());
        assertThatThrownBy(() -> other.open(sealed, ROW))
                .isInstanceOfSatisfying(
                        UnreadableTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableTokenException.Reason.UNKNOWN_KEY))
                .hasMessageContaining(cipher.keyId());
    }

    /** Finding 7 of issue 12: a ciphertext opens only for the row it was sealed for. */
    @Test
    void aTokenOpensOnlyForTheRowItWasSealedFor() {
        SealedToken sealed = cipher.seal(Secret.of("IGAAsecret-token"), ROW);

        for (TokenBinding otherRow : new TokenBinding[] {
            new TokenBinding(
                    new WorkspaceId("ws_00000000000000000000000b"),
                    ROW.profileId(),
                    Platform.INSTAGRAM,
                    ROW.externalId()),
            new TokenBinding(
                    ROW.workspaceId(),
                    new ProfileId("prof_00000000000000000000000b"),
                    Platform.INSTAGRAM,
                    ROW.externalId()),
            new TokenBinding(ROW.workspaceId(), ROW.profileId(), Platform.INSTAGRAM, "1784140002")
        }) {
            assertThatThrownBy(() -> cipher.open(sealed, otherRow))
                    .isInstanceOfSatisfying(
                            UnreadableTokenException.class,
                            e -> assertThat(e.reason()).isEqualTo(UnreadableTokenException.Reason.WRONG_ROW))
                    .hasMessageNotContaining(sealed.ciphertext());
        }
    }

    /** The binding is in the protected header, the AAD: taking it out breaks the ciphertext, not the check. */
    @Test
    void theBindingCannotBeStrippedFromTheHeader() throws Exception {
        SealedToken sealed = cipher.seal(Secret.of("IGAAsecret-token"), ROW);
        String[] parts = sealed.ciphertext().split("\\.");
        JWEHeader header = JWEHeader.parse(new Base64URL(parts[0]));
        assertThat(header.getCustomParam(TokenCipher.BINDING_PARAM)).isNotNull();
        assertThat(header.getCriticalParams()).containsExactly(TokenCipher.BINDING_PARAM);
        assertThat(header.toString())
                .doesNotContain(ROW.externalId())
                .doesNotContain(ROW.profileId().value());

        parts[0] = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(cipher.keyId())
                .build()
                .toBase64URL()
                .toString();
        SealedToken stripped = new SealedToken(sealed.keyId(), String.join(".", parts));

        assertThatThrownBy(() -> cipher.open(stripped, ROW))
                .isInstanceOfSatisfying(
                        UnreadableTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnreadableTokenException.Reason.UNDECRYPTABLE));
    }

    /** A token sealed before tokens were bound to rows (no binding in its header) still opens. */
    @Test
    void aTokenSealedBeforeBindingStillOpens() throws Exception {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        JWEObject legacy = new JWEObject(
                new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                        .keyID(cipher.keyId())
                        .build(),
                new Payload("IGAAlegacy-token"));
        legacy.encrypt(new DirectEncrypter(key));

        assertThat(cipher.open(new SealedToken(cipher.keyId(), legacy.serialize()), ROW)
                        .reveal())
                .isEqualTo("IGAAlegacy-token");
    }

    @Test
    void apiKeysHaveTheDocumentedShapeAndHideThemselves() {
        ApiKeySecret key = ApiKeySecret.generate();
        assertThat(key.reveal()).matches(ApiKeySecret.CHECKSUMMED_REGEX);
        assertThat(key.hash()).matches("[0-9a-f]{64}").isNotEqualTo(key.reveal());
        assertThat(key.toString()).doesNotContain(key.reveal().substring(3));
        assertThat(ApiKeySecret.parse("sk_" + "A".repeat(64))).isEmpty();
        assertThat(ApiKeySecret.parse("sk_" + "a".repeat(63))).isEmpty();
        assertThat(ApiKeySecret.parse(key.reveal())).isPresent();
    }

    @Test
    void oldKeysOpenAndResealMovesATokenToThePrimaryKeyForTheSameRow() throws Exception {
        byte[] newKey = "NEW-key-0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII);
        TokenCipher rotating = new TokenCipher(
                newKey, java.util.List.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        SealedToken old = cipher.seal(Secret.of("IGAAold-token"), ROW);

        assertThat(rotating.keyId()).isNotEqualTo(cipher.keyId());
        assertThat(rotating.knownKeyIds()).containsExactlyInAnyOrder(rotating.keyId(), cipher.keyId());
        assertThat(rotating.hasOldKeys()).isTrue();
        assertThat(cipher.hasOldKeys()).isFalse();
        assertThat(rotating.open(old, ROW).reveal()).isEqualTo("IGAAold-token");

        SealedToken moved = rotating.reseal(old, ROW);
        assertThat(moved.keyId()).isEqualTo(rotating.keyId());
        assertThat(moved.ciphertext()).doesNotContain("IGAAold");
        assertThat(new TokenCipher(newKey).open(moved, ROW).reveal()).isEqualTo("IGAAold-token");
        TokenBinding otherRow = new TokenBinding(ROW.workspaceId(), ROW.profileId(), ROW.platform(), "1784140002");
        assertThatThrownBy(() -> rotating.open(moved, otherRow))
                .isInstanceOf(UnreadableTokenException.class)
                .hasMessageNotContaining(moved.ciphertext());
        // the old key alone cannot open what the new key sealed
        assertThatThrownBy(() -> cipher.open(moved, ROW))
                .isInstanceOf(UnreadableTokenException.class)
                .hasMessageContaining(rotating.keyId());
    }
}
