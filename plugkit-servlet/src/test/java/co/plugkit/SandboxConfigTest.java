package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.testing.TestKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code plugkit.sandbox}: off by default; on, the app credentials are optional and the URLs point at it. */
class SandboxConfigTest {

    @Test
    void offByDefaultAndTheCredentialsAreThenRequired() {
        assertThatThrownBy(() -> PlugKitConfig.builder()
                        .publicUrl("http://localhost:8080")
                        .encryptionKey(TestKeys.ENCRYPTION_KEY)
                        .build())
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("plugkit.instagram.clientId");
    }

    @Test
    void onItNeedsNoCredentialsAndPointsEveryInstagramUrlAtTheSandbox() {
        PlugKitConfig config = PlugKitConfig.builder()
                .from(ConfigSource.map(Map.of(
                        "plugkit.publicUrl",
                        "http://localhost:8080/app/plugkit",
                        "plugkit.sandbox",
                        "TRUE",
                        "plugkit.encryptionKey",
                        TestKeys.ENCRYPTION_KEY,
                        "plugkit.instagram.authorizeUrl",
                        "https://example.org/ignored")))
                .build();
        assertThat(config.sandbox()).isTrue();
        assertThat(config.instagram().clientId()).isEqualTo(PlugKitConfig.SANDBOX_CLIENT_ID);
        assertThat(config.instagram().authorizeUrl())
                .hasToString("http://localhost:8080/app/plugkit/sandbox/instagram/oauth/authorize");
        assertThat(config.instagram().apiUrl()).hasToString("http://localhost:8080/app/plugkit/sandbox/instagram");
        assertThat(config.instagram().graphUrl()).hasToString("http://localhost:8080/app/plugkit/sandbox/instagram");
        assertThat(config.toString()).contains("sandbox=true").doesNotContain("plugkit-sandbox-app-secret");
    }

    @Test
    void givenCredentialsAreKeptInSandboxMode() {
        PlugKitConfig config = PlugKitConfig.builder()
                .publicUrl("http://localhost:8080")
                .sandbox(true)
                .clientId("123")
                .clientSecret("s3cret")
                .encryptionKey(TestKeys.ENCRYPTION_KEY)
                .build();
        assertThat(config.instagram().clientId()).isEqualTo("123");
        assertThat(config.instagram().clientSecret().reveal()).isEqualTo("s3cret");
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRefused() {
        assertThatThrownBy(() -> PlugKitConfig.builder().from(ConfigSource.map(Map.of("plugkit.sandbox", "yes"))))
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessage("plugkit.sandbox must be true or false");
    }
}
