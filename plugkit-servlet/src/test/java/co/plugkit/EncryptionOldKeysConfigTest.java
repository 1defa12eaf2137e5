package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code PLUGKIT_ENCRYPTION_OLD_KEYS} / {@code plugkit.encryptionOldKeys}: read, checked and masked. */
class EncryptionOldKeysConfigTest {
    private static final String OLD_1 =
            Base64.getEncoder().encodeToString("old-key-number-one-0123456789abc".getBytes(StandardCharsets.US_ASCII));
    private static final String OLD_2 =
            Base64.getEncoder().encodeToString("old-key-number-two-0123456789abc".getBytes(StandardCharsets.US_ASCII));

    private static PlugKitConfig fromEnvironment(String oldKeys) {
        return PlugKitConfig.builder()
                .from(ConfigSource.environment(Map.of(
                        "PLUGKIT_PUBLIC_URL", "https://connect.example.com",
                        "PLUGKIT_INSTAGRAM_CLIENT_ID", "123",
                        "PLUGKIT_INSTAGRAM_CLIENT_SECRET", "s3cret",
                        "PLUGKIT_ENCRYPTION_KEY", TestKeys.ENCRYPTION_KEY,
                        "PLUGKIT_ENCRYPTION_OLD_KEYS", oldKeys)))
                .build();
    }

    @Test
    void theEnvironmentVariableListsOldKeysAndToStringMasksThem() {
        PlugKitConfig config = fromEnvironment(OLD_1 + " , " + OLD_2);
        assertThat(config.encryptionOldKeys()).hasSize(2);
        assertThat(config.encryptionOldKeys().get(1))
                .isEqualTo(Base64.getDecoder().decode(OLD_2));
        assertThat(config.toString())
                .contains("encryptionOldKeys=2 x ****")
                .doesNotContain(OLD_1)
                .doesNotContain(OLD_2);
        // a copy each time: wiping it changes nothing
        config.encryptionOldKeys().get(0)[0] = 0;
        assertThat(config.encryptionOldKeys().get(0))
                .isEqualTo(Base64.getDecoder().decode(OLD_1));
    }

    @Test
    void noOldKeysByDefault() {
        PlugKitConfig config = PlugKitConfig.builder()
                .publicUrl("https://connect.example.com")
                .clientId("123")
                .clientSecret("s3cret")
                .encryptionKey(TestKeys.ENCRYPTION_KEY)
                .build();
        assertThat(config.encryptionOldKeys()).isEmpty();
        assertThat(config.toString()).contains("encryptionOldKeys=(none)");
    }

    @Test
    void aBadOldKeyIsNamedButNotRepeated() {
        String shortKey = Base64.getEncoder().encodeToString("too-short".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> fromEnvironment(OLD_1 + "," + shortKey))
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("plugkit.encryptionOldKeys (entry 2)")
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> fromEnvironment("not base64!"))
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("plugkit.encryptionOldKeys (entry 1)")
                .hasMessageNotContaining("not base64!");
    }
}
