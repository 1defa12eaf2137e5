package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/accounts/{id}/token}: off unless {@code plugkit.api.exposeTokens}, and then no-store. */
class TokenExportHttpTest {
    private static final IgAccount ACME = IgAccount.business("17841400000000001", "acme");

    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;

    private String start(UnaryOperator<PlugKitConfigBuilder> customise) {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock, PlugKitServer.h2InMemory(), "", customise);
        client = server.newWorkspaceClient("Acme");
        instagram.approveAs(ACME);
        client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty());
        return client.get("/v1/accounts").json().get("data").get(0).get("id").asText();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            instagram.close();
        }
    }

    @Test
    void offByDefaultTheRouteDoesNotExist() {
        String id = start(b -> b);

        Response r = client.get("/v1/accounts/" + id + "/token");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("not_found");
        for (String token : instagram.issuedLongLivedTokens()) {
            assertThat(r.body()).doesNotContain(token);
        }
    }

    @Test
    void whenTheOperatorOptsInTheTokenComesWithItsExpiryAndScopesAndIsNotStored() {
        String id = start(b -> b.exposeTokens(true));

        Response r = client.get("/v1/accounts/" + id + "/token");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        String token = r.json().get("accessToken").asText();
        assertThat(instagram.accountOf(token)).contains(ACME);
        assertThat(r.json().get("expiresAt").asText())
                .isEqualTo(client.get("/v1/accounts/" + id)
                        .json()
                        .get("tokenExpiresAt")
                        .asText());
        assertThat(r.json().get("scopes").toString()).contains("instagram_business_basic");

        assertThat(server.newWorkspaceClient("Other")
                        .get("/v1/accounts/" + id + "/token")
                        .status())
                .isEqualTo(404);
        assertThat(client.post("/v1/accounts/" + id + "/token", "{}").status()).isEqualTo(405);
    }

    @Test
    void anExportedTokenIsRefreshedFirstWhenDue() {
        String id = start(b -> b.exposeTokens(true));
        String before = client.get("/v1/accounts/" + id + "/token")
                .json()
                .get("accessToken")
                .asText();
        clock.advance(Duration.ofDays(40));

        String after = client.get("/v1/accounts/" + id + "/token")
                .json()
                .get("accessToken")
                .asText();

        assertThat(after).isNotEqualTo(before);
        assertThat(instagram.successfulRefreshes()).isEqualTo(1);
        assertThat(instagram.isValid(after)).isTrue();
    }

    @Test
    void theSettingIsReadFromTheEnvironment() {
        PlugKitConfig config = PlugKitConfig.builder()
                .from(ConfigSource.environment(java.util.Map.of(
                        "PLUGKIT_PUBLIC_URL", "https://plugkit.example.com",
                        "PLUGKIT_INSTAGRAM_CLIENT_ID", "1",
                        "PLUGKIT_INSTAGRAM_CLIENT_SECRET", "s",
                        "PLUGKIT_ENCRYPTION_KEY", co.plugkit.testing.TestKeys.ENCRYPTION_KEY,
                        "PLUGKIT_API_EXPOSE_TOKENS", "true",
                        "PLUGKIT_API_PROXY_TIMEOUT_SECONDS", "12",
                        "PLUGKIT_API_PROXY_MAX_RESPONSE_BYTES", "2048")))
                .build();
        assertThat(config.accountAccess().exposeTokens()).isTrue();
        assertThat(config.accountAccess().proxyTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(config.accountAccess().proxyMaxResponseBytes()).isEqualTo(2048);
        assertThat(PlugKitConfig.builder()
                        .publicUrl("https://plugkit.example.com")
                        .clientId("1")
                        .clientSecret("s")
                        .encryptionKey(co.plugkit.testing.TestKeys.ENCRYPTION_KEY)
                        .build()
                        .accountAccess())
                .isEqualTo(co.plugkit.settings.AccountAccess.defaults());
    }
}
