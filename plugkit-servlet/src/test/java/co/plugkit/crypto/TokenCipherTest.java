package co.plugkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.model.SealedToken;
import co.plugkit.secret.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenCipherTest {
    private final TokenCipher cipher =
            new TokenCipher("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void sealsAndOpensWithAFreshNonceEachTime() {
        SealedToken a = cipher.seal(Secret.of("IGAAsecret-token"));
        SealedToken b = cipher.seal(Secret.of("IGAAsecret-token"));

        assertThat(a.ciphertext()).doesNotContain("IGAAsecret").isNotEqualTo(b.ciphertext());
        assertThat(a.keyId()).isEqualTo(cipher.keyId()).startsWith("k-");
        assertThat(cipher.open(a).reveal()).isEqualTo("IGAAsecret-token");
        assertThat(a.toString()).doesNotContain(a.ciphertext());
    }

    @Test
    void refusesTamperedCiphertextAndOtherKeys() {
        SealedToken sealed = cipher.seal(Secret.of("IGAAsecret-token"));
        String[] parts = sealed.ciphertext().split("\\.");
        char flipped = parts[3].charAt(0) == 'A' ? 'B' : 'A';
        parts[3] = flipped + parts[3].substring(1);
        SealedToken tampered = new SealedToken(sealed.keyId(), String.join(".", parts));

        assertThatThrownBy(() -> cipher.open(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(sealed.ciphertext());
        TokenCipher other = new TokenCipher("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThat(other.keyId()).isNotEqualTo(cipher.keyId());
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void apiKeysHaveTheDocumentedShapeAndHideThemselves() {
        ApiKeySecret key = ApiKeySecret.generate();
        assertThat(key.reveal()).matches("sk_[0-9a-f]{64}");
        assertThat(key.hash()).matches("[0-9a-f]{64}").isNotEqualTo(key.reveal());
        assertThat(key.toString()).doesNotContain(key.reveal().substring(3));
        assertThat(ApiKeySecret.parse("sk_" + "A".repeat(64))).isEmpty();
        assertThat(ApiKeySecret.parse("sk_" + "a".repeat(63))).isEmpty();
        assertThat(ApiKeySecret.parse(key.reveal())).isPresent();
    }
}
