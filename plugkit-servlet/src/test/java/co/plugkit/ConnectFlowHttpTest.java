package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectFlowHttpTest {
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock);
        client = server.newWorkspaceClient("Acme Inc");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    @Test
    void happyPathConnectsTheAccountAndListsIt() {
        String profileId = client.createProfile("Jane");
        Response page = client.connectThroughBrowser(profileId, Optional.empty());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@acme is connected");
        JsonNode accounts = client.get("/v1/accounts").json();
        assertThat(accounts.get("data")).hasSize(1);
        JsonNode account = accounts.get("data").get(0);
        assertThat(account.get("externalId").asText()).isEqualTo("17841400000000001");
        assertThat(account.get("username").asText()).isEqualTo("acme");
        assertThat(account.get("profileId").asText()).isEqualTo(profileId);
        assertThat(account.get("status").asText()).isEqualTo("active");
    }
}
