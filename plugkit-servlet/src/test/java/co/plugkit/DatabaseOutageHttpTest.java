package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.SwitchableDataSource;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** While the database is unreachable every route answers 503 (never 500), and it recovers on its own. */
class DatabaseOutageHttpTest {
    private FakeInstagram instagram;
    private SwitchableDataSource database;
    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        MutableClock clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        database = new SwitchableDataSource(PlugKitServer.h2InMemory());
        server = PlugKitServer.start(instagram, clock, database, "", b -> b);
        client = server.newWorkspaceClient("Acme");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    @Test
    void apiRoutesAnswer503WhileTheDatabaseIsDownAndRecoverAfterwards() {
        String profileId = client.createProfile("Jane");
        database.down();

        for (Response r : new Response[] {
            client.get("/v1/accounts"),
            client.connect(profileId),
            client.post("/v1/profiles", "{\"name\":\"x\"}"),
            client.get("/v1/health")
        }) {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at co.plugkit");
        }
        assertThat(client.get("/v1/accounts").json().get("error").get("code").asText())
                .isEqualTo("database_unavailable");
        assertThat(client.get("/v1/health").json().get("database").asText()).isEqualTo("down");

        database.up();
        assertThat(client.get("/v1/health").status()).isEqualTo(200);
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);
    }

    @Test
    void aCallbackDuringAnOutageEndsOnAClearPage() {
        String profileId = client.createProfile("Jane");
        Response authorize = ApiClient.browse(
                URI.create(client.connect(profileId).json().get("authUrl").asText()));
        database.down();

        Response page = ApiClient.browse(ApiClient.callbackUrl(authorize));

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.body()).contains("storage_unavailable");
        database.up();
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }
}
