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
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Token refresh with an injected clock and the stand-in Instagram's real rules (24 hours, 60 days), over
 * HTTP: what the API shows, and failures as Instagram's HTTP answers bring them. When tokens are refreshed
 * or checked and how each failure ends is tested without a container in
 * {@link co.plugkit.internal.engine.TokenRefresherTest}.
 */
class TokenRefreshHttpTest {
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;

    private void start(UnaryOperator<PlugKitConfigBuilder> customise) {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock, PlugKitServer.h2InMemory(), "", customise);
        client = server.newWorkspaceClient("Acme");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    private String connect(IgAccount account, String profileId) {
        instagram.approveAs(account);
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);
        return client.get("/v1/accounts?profileId=" + profileId).json().get("data").findValues("id").stream()
                .map(JsonNode::asText)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private JsonNode account(String id) {
        return client.get("/v1/accounts/" + id).json();
    }

    private RefreshReport run() {
        return server.plugKit().refreshTokensNow();
    }

    @Test
    void aTokenInstagramRevokedShowsNeedsReconnectInTheNextRun() {
        // Checked every hour, as often as the refresher runs: the next run finds any revocation.
        start(b -> b.checkInterval(Duration.ofHours(1)));
        String id = connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));
        for (int hour = 1; hour <= 5; hour++) {
            clock.advance(Duration.ofHours(1));
            assertThat(run().checked()).isEqualTo(1);
        }
        clock.advance(Duration.ofMinutes(20));
        instagram.revokeTokensOf("17841400000000001"); // a password change: no callback reaches PlugKit

        clock.advance(Duration.ofMinutes(40));
        RefreshReport report = run();

        assertThat(report.needsReconnect()).isEqualTo(1);
        assertThat(instagram.calls(Endpoint.REFRESH))
                .as("days from its refresh window")
                .isZero();
        JsonNode account = account(id);
        assertThat(account.get("status").asText()).isEqualTo("needs_reconnect");
        assertThat(account.get("statusReason").asText()).isEqualTo("password_changed");
        clock.advance(Duration.ofHours(1));
        assertThat(run().attempted()).as("no more retries").isZero();

        // Connecting again brings it back.
        connect(
                IgAccount.business("17841400000000001", "acme"),
                account.get("profileId").asText());
        assertThat(account(id).get("status").asText()).isEqualTo("active");
        assertThat(account(id).get("statusReason").isNull()).isTrue();
    }

    @Test
    void transientFailuresKeepTheOldTokenWorking() {
        start(b -> b);
        String id = connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));
        String expiresBefore = account(id).get("tokenExpiresAt").asText();
        clock.advance(Duration.ofDays(31));

        for (Fault fault : new Fault[] {Fault.SERVER_ERROR, Fault.MALFORMED_JSON, Fault.HTML_BODY}) {
            instagram.failNext(Endpoint.REFRESH, fault);
            assertThat(run().deferred()).as(fault.name()).isEqualTo(1);
            assertThat(account(id).get("status").asText()).isEqualTo("active");
            assertThat(account(id).get("tokenExpiresAt").asText()).isEqualTo(expiresBefore);
            clock.advance(Duration.ofHours(13));
        }
        assertThat(run().refreshed()).isEqualTo(1);
    }

    @Test
    void refreshNowFollowsTheSameRules() {
        start(b -> b);
        String id = connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));

        Response tooNew = client.post("/v1/accounts/" + id + "/refresh", "{}");
        assertThat(tooNew.status()).isEqualTo(409);
        assertThat(tooNew.json().get("error").get("code").asText()).isEqualTo("token_too_new");

        clock.advance(Duration.ofDays(2));
        Response refreshed = client.post("/v1/accounts/" + id + "/refresh", "{}");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("lastRefreshedAt").asText())
                .isEqualTo(clock.instant().toString());
        assertThat(Instant.parse(refreshed.json().get("tokenExpiresAt").asText()))
                .isEqualTo(clock.instant().plusSeconds(FakeInstagram.LONG_LIVED_SECONDS));

        clock.advance(Duration.ofDays(2));
        instagram.failNext(Endpoint.REFRESH, Fault.SERVER_ERROR);
        Response unavailable = client.post("/v1/accounts/" + id + "/refresh", "{}");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.json().get("error").get("code").asText()).isEqualTo("instagram_unavailable");

        instagram.revokeTokensOf("17841400000000001");
        Response revoked = client.post("/v1/accounts/" + id + "/refresh", "{}");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("needs_reconnect");
        Response again = client.post("/v1/accounts/" + id + "/refresh", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").get("code").asText()).isEqualTo("account_not_active");

        assertThat(client.post("/v1/accounts/acc_000000000000000000000000/refresh", "{}")
                        .status())
                .isEqualTo(404);
        ApiClient other = server.newWorkspaceClient("Other");
        assertThat(other.post("/v1/accounts/" + id + "/refresh", "{}").status()).isEqualTo(404);
        assertThat(client.get("/v1/accounts/" + id + "/refresh").status()).isEqualTo(405);
    }
}
