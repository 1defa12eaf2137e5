package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.Fault;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/accounts/connect: an account from a token the client already has, checked against /me. */
class ManualConnectHttpTest {
    private static final IgAccount ACME = IgAccount.business("17841400000000001", "acme");

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
        client = server.newWorkspaceClient("Acme");
        profileId = client.createProfile("Jane");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    private String body(String externalId, String token, String extra) {
        return "{\"platform\":\"INSTAGRAM\",\"profileId\":\"" + profileId + "\",\"externalId\":\"" + externalId
                + "\",\"username\":\"whatever\",\"displayName\":\"Whatever\",\"accessToken\":\"" + token + "\"" + extra
                + "}";
    }

    @Test
    void aValidTokenIsStoredWithWhatInstagramSaysAndRefreshedOnceADayOld() {
        String token = instagram.generateToken(ACME);
        Response r = client.post("/v1/accounts/connect", body(ACME.userId(), token, ",\"metadata\":{\"crm\":42}"));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("username").asText()).isEqualTo("acme");
        assertThat(r.json().get("externalId").asText()).isEqualTo(ACME.userId());
        assertThat(r.json().get("tokenExpiresAt").isNull())
                .as("unknown until the first refresh")
                .isTrue();
        assertThat(r.json().get("metadata").get("crm").asInt()).isEqualTo(42);
        assertThat(r.body()).doesNotContain(token);

        clock.advance(Duration.ofHours(25));
        assertThat(server.plugKit().refreshTokensNow().refreshed()).isEqualTo(1);
        String id = r.json().get("id").asText();
        assertThat(client.get("/v1/accounts/" + id).json().get("tokenExpiresAt").isNull())
                .isFalse();
        assertThat(client.get("/v1/accounts/" + id)
                        .json()
                        .get("metadata")
                        .get("crm")
                        .asInt())
                .isEqualTo(42);
    }

    @Test
    void aTokenOfAnotherAccountOrARejectedTokenIsRefusedAndNothingIsStored() {
        String token = instagram.generateToken(ACME);
        Response mismatch = client.post("/v1/accounts/connect", body("17841400000000999", token, ""));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.json().get("error").get("code").asText()).isEqualTo("invalid_access_token");

        Response rejected = client.post("/v1/accounts/connect", body(ACME.userId(), "IGAAnotatoken", ""));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.body()).doesNotContain("IGAAnotatoken");

        instagram.failNext(Endpoint.ME, Fault.SERVER_ERROR);
        assertThat(client.post("/v1/accounts/connect", body(ACME.userId(), token, ""))
                        .status())
                .isEqualTo(503);
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    @Test
    void badInputIsNamed() {
        String token = instagram.generateToken(ACME);
        assertThat(client.post(
                                "/v1/accounts/connect",
                                body(ACME.userId(), token, "").replace("INSTAGRAM", "TIKTOK"))
                        .json()
                        .get("error")
                        .get("message")
                        .asText())
                .contains("platform");
        assertThat(client.post("/v1/accounts/connect", body("abc", token, ""))
                        .json()
                        .get("error")
                        .get("message")
                        .asText())
                .contains("externalId");
        assertThat(client.post("/v1/accounts/connect", body(ACME.userId(), token, ",\"metadata\":[1]"))
                        .json()
                        .get("error")
                        .get("message")
                        .asText())
                .contains("metadata");
        assertThat(client.post(
                                "/v1/accounts/connect",
                                body(ACME.userId(), token, "").replace(profileId, "prof_000000000000000000000000"))
                        .status())
                .isEqualTo(404);
        assertThat(server.newWorkspaceClient("Other")
                        .post("/v1/accounts/connect", body(ACME.userId(), token, ""))
                        .status())
                .as("another workspace's profile")
                .isEqualTo(404);
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    /**
     * Found by HttpFuzzTest: a token with a character that cannot stand in an HTTP header (a line break,
     * anything past ASCII) made the HTTP client throw while asking Instagram, a 500 with an ERROR logged.
     */
    @Test
    void aTokenThatCannotBeSentInAHeaderIsABadParameter() {
        String token = instagram.generateToken(ACME);
        String head = token.substring(0, 8);
        String tail = token.substring(8);
        for (String bad : new String[] {
            head + "\\r\\nX-Injected: 1" + tail, head + "\u00a3" + tail, head + " " + tail, head + "\\u0000" + tail
        }) {
            Response answer = client.post("/v1/accounts/connect", body(ACME.userId(), bad, ""));
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().get("error").get("message").asText())
                    .contains("accessToken")
                    .doesNotContain(token);
        }
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }
}
