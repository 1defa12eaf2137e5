package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/connect/sessions/{id}} over real HTTP through each outcome of a connect. */
class ConnectStatusHttpTest {
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;
    private String profileId;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock);
        client = server.newWorkspaceClient("Acme Inc");
        profileId = client.createProfile("Jane");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    private JsonNode status(String sessionId) {
        Response r = client.get("/v1/connect/sessions/" + sessionId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Starts a connect; returns its answer (authUrl, state, sessionId, expiresAt). */
    private JsonNode connect() {
        Response r = client.connect(profileId);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aConnectIsPendingThenConnectedWithItsAccount() {
        JsonNode started = connect();
        String sessionId = started.get("sessionId").asText();
        JsonNode pending = status(sessionId);
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(Instant.parse(pending.get("expiresAt").asText()))
                .isEqualTo(Instant.parse(started.get("expiresAt").asText()));
        assertThat(pending.get("accountId").isNull()).isTrue();
        assertThat(pending.get("code").isNull()).isTrue();

        Response page =
                ApiClient.followToCallback(URI.create(started.get("authUrl").asText()));
        assertThat(page.body()).contains("@acme is connected");

        JsonNode connected = status(sessionId);
        String accountId =
                client.get("/v1/accounts").json().get("data").get(0).get("id").asText();
        assertThat(connected.get("status").asText()).isEqualTo("connected");
        assertThat(connected.get("accountId").asText()).isEqualTo(accountId);
        assertThat(connected.get("profileId").asText()).isEqualTo(profileId);
        assertThat(connected.get("hint").isNull()).isTrue();
    }

    @Test
    void aDeniedConnectIsFailedWithCodeMessageAndHint() {
        JsonNode started = connect();
        instagram.denyNext();
        ApiClient.followToCallback(URI.create(started.get("authUrl").asText()));

        JsonNode failed = status(started.get("sessionId").asText());
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("code").asText()).isEqualTo("access_denied");
        assertThat(failed.get("message").asText()).contains("not granted");
        assertThat(failed.get("hint").asText()).contains("Cancel");
        assertThat(failed.get("accountId").isNull()).isTrue();
    }

    @Test
    void instagramsErrorsShowTheirHintOnTheCallbackPageAndInTheStatus() {
        JsonNode started = connect();
        instagram.redirectErrorNext("access_denied", "Insufficient developer role");
        Response page =
                ApiClient.followToCallback(URI.create(started.get("authUrl").asText()));

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("plugkit-hint").contains("Instagram Tester");
        JsonNode failed = status(started.get("sessionId").asText());
        assertThat(failed.get("code").asText()).isEqualTo("insufficient_developer_role");
        assertThat(failed.get("hint").asText()).contains("Instagram Tester");

        JsonNode scope = connect();
        instagram.redirectErrorNext("invalid_scope", "Invalid Scopes: instagram_business_content_publish");
        ApiClient.followToCallback(URI.create(scope.get("authUrl").asText()));
        assertThat(status(scope.get("sessionId").asText()).get("code").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void aConnectWithoutCallbackExpiresWithTheTesterHint() {
        JsonNode started = connect();
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        JsonNode expired = status(started.get("sessionId").asText());
        assertThat(expired.get("status").asText()).isEqualTo("expired");
        assertThat(expired.get("code").asText()).isEqualTo("no_callback");
        assertThat(expired.get("hint").asText())
                .contains("Instagram Tester")
                .contains("Business or")
                .contains("redirect URI");
    }

    @Test
    void onlyTheWorkspaceThatStartedTheConnectSeesIt() {
        String sessionId = connect().get("sessionId").asText();
        ApiClient other = server.newWorkspaceClient("Other Inc");

        Response foreign = other.get("/v1/connect/sessions/" + sessionId);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("error").get("code").asText()).isEqualTo("connect_session_not_found");
        assertThat(client.get("/v1/connect/sessions/cs_nothing").status()).isEqualTo(404);
        assertThat(client.get("/v1/connect/sessions/" + sessionId + "x").status())
                .isEqualTo(404);
        assertThat(client.get("/v1/connect/sessions/").status()).isEqualTo(404);
        assertThat(client.withKey("sk_wrong")
                        .get("/v1/connect/sessions/" + sessionId)
                        .status())
                .isEqualTo(401);
        assertThat(client.post("/v1/connect/sessions/" + sessionId, "{}").status())
                .isEqualTo(405);
        assertThat(Optional.of(status(sessionId).get("status").asText())).contains("pending");
    }
}
