package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.AccountToken;
import co.plugkit.model.AccountUnavailableException;
import co.plugkit.model.AccountUnavailableException.Reason;
import co.plugkit.model.NewWorkspace;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.CapturedLogs;
import co.plugkit.testing.Concurrently;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PlugKit#accessToken}: the host's in-process call for an account's token, with an injected clock
 * and the stand-in Instagram's real rules (a token refreshes once a day old; a refresh replaces it).
 */
class AccessTokenTest {
    private static final IgAccount ACME = IgAccount.business("17841400000000001", "acme");

    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private WorkspaceId workspace;
    private ApiClient client;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock);
        NewWorkspace created = server.plugKit().createWorkspace("Acme");
        workspace = created.workspace().id();
        client = new ApiClient(server.baseUrl(), created.apiKey().secret().reveal());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    private AccountId connect(IgAccount account) {
        instagram.approveAs(account);
        client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty());
        return AccountId.parse(client.get("/v1/accounts")
                        .json()
                        .get("data")
                        .get(0)
                        .get("id")
                        .asText())
                .orElseThrow();
    }

    @Test
    void theTokenOfAnActiveAccountWithItsExpiryAndScopesPrintingAsStars() throws Exception {
        AccountId id = connect(ACME);

        AccountToken token = server.plugKit().accessToken(workspace, id);

        assertThat(instagram.accountOf(token.accessToken().reveal())).contains(ACME);
        assertThat(token.accountId()).isEqualTo(id);
        assertThat(token.expiresAt()).contains(clock.instant().plusSeconds(FakeInstagram.LONG_LIVED_SECONDS));
        assertThat(token.scopes()).contains("instagram_business_basic");
        assertThat(token.toString())
                .contains("****")
                .doesNotContain(token.accessToken().reveal());
        assertThat(instagram.calls(Endpoint.REFRESH))
                .as("a young token is used as it is")
                .isZero();
    }

    @Test
    void anUnknownAccountOrAnotherWorkspacesIsNotFound() {
        AccountId id = connect(ACME);
        WorkspaceId other =
                server.plugKit().createWorkspace("Other").workspace().id();

        assertThatThrownBy(() -> server.plugKit().accessToken(other, id))
                .isInstanceOfSatisfying(
                        AccountUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> server.plugKit()
                        .accessToken(
                                workspace,
                                AccountId.parse("acc_" + "a".repeat(24)).orElseThrow()))
                .isInstanceOfSatisfying(
                        AccountUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void anAccountThatNeedsReconnectingIsATypedFailureWithItsReason() {
        AccountId id = connect(ACME);
        instagram.revokeTokensOf(ACME.userId()); // a password change
        clock.advance(Duration.ofHours(25));
        assertThat(server.plugKit().refreshTokensNow().needsReconnect()).isEqualTo(1);

        assertThatThrownBy(() -> server.plugKit().accessToken(workspace, id))
                .isInstanceOfSatisfying(AccountUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NEEDS_RECONNECT);
                    assertThat(e.statusReason()).contains("password_changed");
                    assertThat(e.accountId()).isEqualTo(id);
                });
    }

    @Test
    void anExpiredTokenIsNotHandedOut() {
        AccountId id = connect(ACME);
        clock.advance(Duration.ofSeconds(FakeInstagram.LONG_LIVED_SECONDS + 60));

        assertThatThrownBy(() -> server.plugKit().accessToken(workspace, id))
                .isInstanceOfSatisfying(AccountUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NEEDS_RECONNECT);
                    assertThat(e.statusReason()).contains("token_expired");
                });
        assertThat(instagram.calls(Endpoint.REFRESH)).isZero();
    }

    @Test
    void aTokenCloseToExpiryIsRefreshedOnceForTwoRacingCallers() throws Exception {
        AccountId id = connect(ACME);
        String before =
                server.plugKit().accessToken(workspace, id).accessToken().reveal();
        clock.advance(Duration.ofDays(35)); // 25 days left: inside the 30-day refresh window
        instagram.refreshDelay(
                Duration.ofMillis(800)); // the first caller's refresh is still running when the second asks

        try (CapturedLogs logs = new CapturedLogs()) {
            Callable<AccountToken> use = () -> server.plugKit().accessToken(workspace, id);
            List<AccountToken> tokens = Concurrently.run(2, List.of(use, use));

            assertThat(instagram.successfulRefreshes()).isEqualTo(1);
            String after = tokens.get(0).accessToken().reveal();
            assertThat(after).isNotEqualTo(before);
            assertThat(tokens.get(1).accessToken().reveal())
                    .as("the second caller waited for the first one's refresh")
                    .isEqualTo(after);
            assertThat(instagram.isValid(after)).isTrue();
            assertThat(instagram.isValid(before))
                    .as("Instagram replaced the old token")
                    .isFalse();
            Instant expires = tokens.get(0).expiresAt().orElseThrow();
            assertThat(expires).isAfter(clock.instant().plus(Duration.ofDays(59)));
            assertThat(logs.lines()).noneMatch(line -> line.contains(before) || line.contains(after));
        }
        // Now fresh: the next use asks Instagram nothing.
        server.plugKit().accessToken(workspace, id);
        assertThat(instagram.calls(Endpoint.REFRESH)).isEqualTo(1);
        assertThat(client.get("/v1/accounts/" + id.value())
                        .json()
                        .get("lastRefreshedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void aRefreshThatInstagramRejectsEndsAsTheRefresherWouldEndIt() {
        AccountId id = connect(ACME);
        clock.advance(Duration.ofDays(35));
        instagram.revokeTokensOf(ACME.userId());

        assertThatThrownBy(() -> server.plugKit().accessToken(workspace, id))
                .isInstanceOfSatisfying(AccountUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NEEDS_RECONNECT);
                    assertThat(e.statusReason()).contains("password_changed");
                });
        assertThat(client.get("/v1/accounts/" + id.value()).json().get("status").asText())
                .isEqualTo("needs_reconnect");
    }
}
