package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MiniOAuthProvider;
import co.plugkit.testing.MiniOAuthServer;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider seam, proven from outside: a platform that exists only in the tests ({@link
 * MiniOAuthProvider}, a plain OAuth 2.0 server) is plugged in with {@code PlugKit.builder().provider(…)}
 * and its accounts connect, list, refresh and disconnect through PlugKit's public routes, next to
 * Instagram's, with nothing in the engine written for it.
 */
class SecondProviderHttpTest {
    private MutableClock clock;
    private FakeInstagram instagram;
    private MiniOAuthServer mini;
    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        mini = new MiniOAuthServer();
        server = PlugKitServer.start(
                instagram,
                clock,
                PlugKitServer.h2InMemory(),
                "",
                b -> b,
                baseUrl -> List.of(new MiniOAuthProvider(mini.baseUrl(), baseUrl)));
        client = server.newWorkspaceClient("Acme");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        mini.close();
        instagram.close();
    }

    @Test
    void anAccountOfTheSecondPlatformConnectsThroughThePublicRoutes() {
        String profileId = client.createProfile("Jane");
        Response connect = client.get("/v1/connect/mini?profileId=" + profileId);
        assertThat(connect.status()).isEqualTo(200);
        URI authUrl = URI.create(connect.json().get("authUrl").asText());
        assertThat(authUrl.toString()).startsWith(mini.baseUrl() + "/authorize");

        Response page = ApiClient.followToCallback(authUrl);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@user-1 is connected");

        // Instagram, next to it, unchanged.
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);

        JsonNode accounts = client.get("/v1/accounts").json().get("data");
        assertThat(accounts).hasSize(2);
        JsonNode miniAccount = accounts.get(0);
        assertThat(miniAccount.get("platform").asText()).isEqualTo("mini");
        assertThat(miniAccount.get("externalId").asText()).isEqualTo("mini-user-1");
        assertThat(miniAccount.get("username").asText()).isEqualTo("user-1");
        assertThat(miniAccount.get("status").asText()).isEqualTo("active");
        assertThat(accounts.get(1).get("platform").asText()).isEqualTo("instagram");

        // The refresher refreshes it through its own provider, a day later.
        clock.advance(Duration.ofHours(25));
        int tokenCallsBefore = mini.tokenCalls();
        Response refreshed = client.post("/v1/accounts/" + miniAccount.get("id").asText() + "/refresh", "{}");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(mini.tokenCalls()).isEqualTo(tokenCallsBefore + 1);

        assertThat(client.delete("/v1/accounts/" + miniAccount.get("id").asText())
                        .status())
                .isEqualTo(204);
        assertThat(client.get("/v1/accounts").json().get("data")).hasSize(1);
    }

    @Test
    void aStateOfOnePlatformIsRefusedByTheOthersCallback() {
        String profileId = client.createProfile("Jane");
        Response connect = client.get("/v1/connect/mini?profileId=" + profileId);
        URI authorize = ApiClient.callbackUrl(
                ApiClient.browseOnce(URI.create(connect.json().get("authUrl").asText())));
        URI wrongCallback =
                URI.create(authorize.toString().replace("/v1/connect/mini/callback", "/v1/connect/instagram/callback"));

        Response page = ApiClient.browse(wrongCallback);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("state_unknown");
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    @Test
    void anUnknownPlatformHasNoRoute() {
        String profileId = client.createProfile("Jane");
        assertThat(client.get("/v1/connect/tiktok?profileId=" + profileId).status())
                .isEqualTo(404);
    }
}
