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

/** Token refresh with an injected clock and the stand-in Instagram's real rules (24 hours, 60 days). */
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
    void aConnectionMadeTodayIsStillActiveAfter180DaysWithNoUserAction() {
        start(b -> b);
        String id = connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));

        int refreshes = 0;
        for (int day = 1; day <= 180; day++) {
            clock.advance(Duration.ofDays(1));
            refreshes += run().refreshed();
        }

        JsonNode account = account(id);
        assertThat(account.get("status").asText()).isEqualTo("active");
        assertThat(Instant.parse(account.get("tokenExpiresAt").asText()))
                .isAfter(clock.instant().plus(Duration.ofDays(29)));
        assertThat(account.get("lastRefreshedAt").isNull()).isFalse();
        assertThat(refreshes).isEqualTo(6); // once a month: each refresh buys 60 days, due with 30 left
        assertThat(instagram.successfulRefreshes()).isEqualTo(6);
        assertThat(instagram.refreshesTooEarly()).isZero();
    }

    @Test
    void refreshesOnlyInsideTheWindowAndNeverATokenUnderADayOld() {
        start(b -> b.refreshWindow(Duration.ofDays(59)));
        String id = connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));

        clock.advance(Duration.ofHours(23));
        assertThat(run().attempted()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(run().refreshed()).isEqualTo(1);
        assertThat(run().attempted()).as("the new token is again too new").isZero();
        assertThat(Instant.parse(account(id).get("tokenExpiresAt").asText()))
                .isEqualTo(clock.instant().plusSeconds(FakeInstagram.LONG_LIVED_SECONDS));
        assertThat(instagram.refreshesTooEarly()).isZero();
    }

    @Test
    void withTheDefaultWindowATokenIsRefreshedOnlyOnceItExpiresWithin30Days() {
        start(b -> b);
        connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));
        Instant expiry = clock.instant().plusSeconds(FakeInstagram.LONG_LIVED_SECONDS);

        clock.advance(Duration.between(
                clock.instant(), expiry.minus(Duration.ofDays(30)).minusSeconds(60)));
        assertThat(run().refreshed()).isZero();
        assertThat(instagram.calls(Endpoint.REFRESH)).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(run().refreshed()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsNeverRefreshedAndTheAccountNeedsReconnecting() {
        start(b -> b);
        String id = connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));

        clock.advance(Duration.ofSeconds(FakeInstagram.LONG_LIVED_SECONDS + 1));
        RefreshReport report = run();

        assertThat(report.attempted()).isZero();
        assertThat(report.expired()).isEqualTo(1);
        assertThat(instagram.calls(Endpoint.REFRESH)).isZero();
        JsonNode account = account(id);
        assertThat(account.get("status").asText()).isEqualTo("needs_reconnect");
        assertThat(account.get("statusReason").asText()).isEqualTo("token_expired");
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
    void withTheDefaultsATokenIsCheckedOnceADayBetweenRefreshes() {
        start(b -> b);
        String id = connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));

        clock.advance(Duration.ofHours(23));
        assertThat(run().attempted())
                .as("checked at connect, a day has not passed")
                .isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(run().checked()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(run().attempted()).as("checked an hour ago").isZero();
        assertThat(instagram.calls(Endpoint.ME)).isEqualTo(2); // the connect, and one check

        clock.advance(Duration.ofHours(23));
        instagram.revokeTokensOf("17841400000000001");
        assertThat(run().needsReconnect()).isEqualTo(1);
        assertThat(account(id).get("status").asText()).isEqualTo("needs_reconnect");
    }

    @Test
    void aCheckBringsAUsernameChangedOnInstagramUpToDate() {
        start(b -> b);
        String id = connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));
        instagram.rename("17841400000000001", "acme_coffee");

        clock.advance(Duration.ofDays(1));
        assertThat(run().checked()).isEqualTo(1);

        JsonNode account = account(id);
        assertThat(account.get("username").asText()).isEqualTo("acme_coffee");
        assertThat(account.get("status").asText()).isEqualTo("active");
    }

    @Test
    void aCheckThatFailsForNowChangesNothingAndIsTriedAgainNextRun() {
        start(b -> b);
        String id = connect(IgAccount.business("17841400000000001", "acme"), client.createProfile("Jane"));
        clock.advance(Duration.ofDays(1));
        instagram.failNext(Endpoint.ME, Fault.SERVER_ERROR);

        assertThat(run().deferred()).isEqualTo(1);
        assertThat(account(id).get("status").asText()).isEqualTo("active");

        clock.advance(Duration.ofHours(1));
        assertThat(run().checked()).isEqualTo(1);
    }

    @Test
    void inABatchOneAccountFailsForGoodOneForNowAndTheRestSucceed() {
        // One refresh at a time, in claim order: the queued fault must hit a valid token, not the revoked
        // one (whose refresh would then be deferred instead of rejected); in parallel that is a race.
        start(b -> b.refreshConcurrency(1));
        String profileId = client.createProfile("Jane");
        for (int i = 1; i <= 5; i++) {
            connect(IgAccount.business("1784140000000000" + i, "acct" + i), profileId);
        }
        clock.advance(Duration.ofDays(31));
        instagram.revokeTokensOf("17841400000000003");
        instagram.failNext(Endpoint.REFRESH, Fault.RATE_LIMITED);

        RefreshReport first = run();

        assertThat(first.refreshed()).isEqualTo(3);
        assertThat(first.needsReconnect()).isEqualTo(1);
        assertThat(first.deferred()).isEqualTo(1);
        JsonNode data = client.get("/v1/accounts").json().get("data");
        assertThat(data)
                .filteredOn(a -> a.get("status").asText().equals("active"))
                .hasSize(4);
        assertThat(run().attempted())
                .as("the deferred one waits for its back-off")
                .isZero();

        clock.advance(Duration.ofHours(13));
        assertThat(run().refreshed()).isEqualTo(1);
        assertThat(client.get("/v1/accounts").json().get("data"))
                .filteredOn(a -> a.get("status").asText().equals("active"))
                .hasSize(4);
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
