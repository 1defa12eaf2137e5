package co.plugkit.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {
    private static final String LEGACY = "sk_" + "0123456789abcdef".repeat(4);

    @Test
    void newKeysCarryTheDocumentedChecksum() {
        ApiKeySecret key = ApiKeySecret.generate();

        String text = key.reveal();
        assertThat(text).matches(ApiKeySecret.CHECKSUMMED_REGEX).matches(ApiKeySecret.ACCEPTED_REGEX);
        CRC32 crc = new CRC32();
        crc.update(text.substring(0, 67).getBytes(StandardCharsets.US_ASCII));
        assertThat(text.substring(68)).isEqualTo(String.format("%08x", crc.getValue()));
        assertThat(key.checksummed()).isTrue();
        assertThat(key.prefix()).isEqualTo(text.substring(0, 11));
        assertThat(ApiKeySecret.parse(text)).isPresent();
    }

    @Test
    void aMistypedKeyFailsItsChecksum() {
        String text = ApiKeySecret.generate().reveal();
        for (int i = 3; i < text.length(); i++) {
            if (text.charAt(i) == '_') {
                continue;
            }
            char other = text.charAt(i) == 'a' ? 'b' : 'a';
            String typo = text.substring(0, i) + other + text.substring(i + 1);
            assertThat(ApiKeySecret.parse(typo)).as("typo at %d", i).isEmpty();
        }
        String swapped = text.substring(0, 10) + text.charAt(11) + text.charAt(10) + text.substring(12);
        if (!swapped.equals(text)) {
            assertThat(ApiKeySecret.parse(swapped)).isEmpty();
        }
    }

    @Test
    void keysWithoutAChecksumStayValid() {
        ApiKeySecret legacy = ApiKeySecret.parse(LEGACY).orElseThrow();

        assertThat(legacy.checksummed()).isFalse();
        assertThat(legacy.prefix()).isEqualTo("sk_01234567");
        assertThat(LEGACY).matches(ApiKeySecret.ACCEPTED_REGEX).doesNotMatch(ApiKeySecret.CHECKSUMMED_REGEX);
    }

    @Test
    void otherShapesAreRefused() {
        assertThat(ApiKeySecret.parse(LEGACY + "_")).isEmpty();
        assertThat(ApiKeySecret.parse(LEGACY + "_0000000")).isEmpty();
        assertThat(ApiKeySecret.parse(LEGACY + "_000000000")).isEmpty();
        assertThat(ApiKeySecret.parse(LEGACY + "_ABCDEF01")).isEmpty();
        assertThat(ApiKeySecret.parse(LEGACY.toUpperCase())).isEmpty();
        assertThat(ApiKeySecret.parse(null)).isEmpty();
        assertThat(ApiKeySecret.generate().toString()).isEqualTo("ApiKeySecret{****}");
    }
}
