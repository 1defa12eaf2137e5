package co.plugkit.internal.engine;

import static co.plugkit.internal.engine.EngineFixture.ACME;
import static co.plugkit.internal.engine.EngineFixture.callback;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.ConnectSessionIds;
import co.plugkit.internal.crypto.SignedTickets;
import co.plugkit.internal.instagram.InstagramException;
import co.plugkit.provider.Platform;
import co.plugkit.provider.ProviderError;
import co.plugkit.provider.ProviderException.Kind;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import co.plugkit.testing.InProcessInstagram;
import co.plugkit.testing.InProcessInstagram.Call;
import co.plugkit.testing.TestKeys;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status of connect sessions through each outcome, and who may ask for it. */
class ConnectSessionsTest {
    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = EngineFixture.start();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private ConnectStart.Started start() {
        return (ConnectStart.Started)
                f.connectFlow().start(f.workspace, Platform.INSTAGRAM, f.profile, Optional.empty());
    }

    private ConnectStatus status(ConnectStart.Started started) {
        return f.connectSessions().status(f.workspace, started.sessionId()).orElseThrow();
    }

    private CallbackOutcome redirectWithError(ConnectStart.Started started, String error, String reason, String text) {
        return f.connectFlow()
                .complete(
                        Platform.INSTAGRAM,
                        new CallbackRequest(
                                Optional.of(started.state()),
                                Optional.empty(),
                                Optional.of(error),
                                Optional.ofNullable(reason),
                                Optional.ofNullable(text)));
    }

    @Test
    void aSessionIsPendingUntilItsCallbackConnectsTheAccount() {
        ConnectStart.Started started = start();
        assertThat(started.sessionId()).startsWith("cs_");
        assertThat(status(started)).isEqualTo(new ConnectStatus.Pending(started.expiresAt()));

        CallbackOutcome outcome =
                f.connectFlow().complete(Platform.INSTAGRAM, callback(started.state(), f.instagram.approve(ACME)));

        var account = ((CallbackOutcome.Connected) outcome).account();
        assertThat(status(started))
                .isEqualTo(new ConnectStatus.Connected(started.expiresAt(), f.profile, account.id()));
        // the outcome stays after the expiry
        f.clock.advance(EngineFixture.STATE_TTL.plusMinutes(5));
        assertThat(status(started)).isInstanceOf(ConnectStatus.Connected.class);
    }

    @Test
    void startingAConnectWritesNothing() {
        ConnectStart.Started started = start();
        String key = f.seals.open(started.state()).orElseThrow().sessionKey();
        assertThat(f.store.connectStates().find(key)).isEmpty();
    }

    @Test
    void aDeniedConsentIsFailedWithItsCodeAndHint() {
        ConnectStart.Started started = start();
        redirectWithError(started, "access_denied", "user_denied", "The user denied your request");

        assertThat(status(started))
                .isEqualTo(new ConnectStatus.Failed(started.expiresAt(), f.profile, ConnectError.ACCESS_DENIED));
        assertThat(ConnectError.ACCESS_DENIED.hint()).contains("Cancel");
    }

    @Test
    void instagramsRedirectErrorsMapToTheirCodes() {
        ConnectStart.Started role = start();
        redirectWithError(role, "access_denied", null, "Insufficient developer role");
        ConnectStart.Started scope = start();
        redirectWithError(scope, "invalid_scope", null, "Invalid Scopes: instagram_business_content_publish");
        ConnectStart.Started app = start();
        redirectWithError(app, "invalid_request", null, "Invalid platform app");
        ConnectStart.Started other = start();
        redirectWithError(other, "server_error", null, null);

        assertThat(((ConnectStatus.Failed) status(role)).error()).isEqualTo(ConnectError.INSUFFICIENT_DEVELOPER_ROLE);
        assertThat(((ConnectStatus.Failed) status(scope)).error()).isEqualTo(ConnectError.INVALID_SCOPE);
        assertThat(((ConnectStatus.Failed) status(app)).error()).isEqualTo(ConnectError.INVALID_PLATFORM_APP);
        assertThat(((ConnectStatus.Failed) status(other)).error()).isEqualTo(ConnectError.AUTHORIZATION_FAILED);
        assertThat(ConnectError.INSUFFICIENT_DEVELOPER_ROLE.hint()).contains("Instagram Tester");
        assertThat(f.instagram.received()).isEmpty();
    }

    @Test
    void aWrongAppIdAtTheCodeExchangeIsInvalidPlatformApp() {
        ConnectStart.Started started = start();
        f.instagram.failNext(
                Call.CODE_EXCHANGE,
                new InstagramException(
                        Kind.REJECTED,
                        "Instagram answered 400",
                        Optional.of(
                                new ProviderError("OAuthException", 400, Optional.empty(), "Invalid platform app"))));
        f.connectFlow().complete(Platform.INSTAGRAM, callback(started.state(), f.instagram.approve(ACME)));

        assertThat(((ConnectStatus.Failed) status(started)).error()).isEqualTo(ConnectError.INVALID_PLATFORM_APP);

        ConnectStart.Started rejected = start();
        f.instagram.failNext(Call.CODE_EXCHANGE, InProcessInstagram.rejected(400, null));
        f.connectFlow().complete(Platform.INSTAGRAM, callback(rejected.state(), f.instagram.approve(ACME)));
        assertThat(((ConnectStatus.Failed) status(rejected)).error()).isEqualTo(ConnectError.INSTAGRAM_REJECTED);
    }

    @Test
    void aSessionWithoutCallbackExpiresWithTheTesterHint() {
        ConnectStart.Started started = start();
        f.clock.advance(EngineFixture.STATE_TTL.minusSeconds(1));
        assertThat(status(started)).isInstanceOf(ConnectStatus.Pending.class);

        f.clock.advance(Duration.ofSeconds(1));
        assertThat(status(started)).isEqualTo(new ConnectStatus.Expired(started.expiresAt(), ConnectError.NO_CALLBACK));
        assertThat(ConnectError.NO_CALLBACK.hint())
                .contains("Instagram Tester")
                .contains("Business or")
                .contains("redirect URI");
    }

    @Test
    void aLateCallbackIsExpiredAndItsReplayAlreadyUsed() {
        ConnectStart.Started started = start();
        f.clock.advance(EngineFixture.STATE_TTL.plusSeconds(1));
        CallbackOutcome late =
                f.connectFlow().complete(Platform.INSTAGRAM, callback(started.state(), f.instagram.approve(ACME)));

        assertThat(((CallbackOutcome.Failed) late).error()).isEqualTo(ConnectError.STATE_EXPIRED);
        assertThat(status(started))
                .isEqualTo(new ConnectStatus.Expired(started.expiresAt(), ConnectError.STATE_EXPIRED));
        CallbackOutcome replay =
                f.connectFlow().complete(Platform.INSTAGRAM, callback(started.state(), f.instagram.approve(ACME)));
        assertThat(((CallbackOutcome.Failed) replay).error()).isEqualTo(ConnectError.STATE_ALREADY_USED);
        assertThat(f.instagram.calls(Call.CODE_EXCHANGE)).isZero();
    }

    @Test
    void anotherWorkspaceAnEditedOrAMalformedIdHasNoStatus() {
        ConnectStart.Started started = start();
        WorkspaceId other = f.newWorkspace("Other");
        String id = started.sessionId();
        char last = id.charAt(id.length() - 5);
        String edited = id.substring(0, id.length() - 5) + (last == 'A' ? 'B' : 'A') + id.substring(id.length() - 4);

        assertThat(f.connectSessions().status(other, id)).isEmpty();
        assertThat(f.connectSessions().status(f.workspace, edited)).isEmpty();
        assertThat(f.connectSessions().status(f.workspace, "cs_short")).isEmpty();
        assertThat(f.connectSessions().status(f.workspace, started.state())).isEmpty();
        assertThat(f.connectSessions().status(f.workspace, "")).isEmpty();
    }

    @Test
    void aForgedOrEditedStateIsUnknownAndClaimsNothing() {
        ConnectStart.Started started = start();
        String state = started.state();
        int dot = state.indexOf('.');
        String editedPayload =
                state.substring(0, dot - 2) + (state.charAt(dot - 2) == 'A' ? 'B' : 'A') + state.substring(dot - 1);

        CallbackOutcome outcome =
                f.connectFlow().complete(Platform.INSTAGRAM, callback(editedPayload, f.instagram.approve(ACME)));

        assertThat(((CallbackOutcome.Failed) outcome).error()).isEqualTo(ConnectError.STATE_UNKNOWN);
        assertThat(status(started)).isInstanceOf(ConnectStatus.Pending.class);
        assertThat(f.instagram.received()).isEmpty();
    }

    /** Another server on the same database: its own store, seals and flow, built from {@code key}. */
    private ConnectFlow server(byte[] key) {
        JdbiPlugKitStore store = JdbiPlugKitStore.of(f.dataSource);
        return new ConnectFlow(
                store.profiles(),
                store.connectStates(),
                new ConnectSeals(new SignedTickets(key, "plugkit connect state", f.clock), new ConnectSessionIds(key)),
                store.accounts(),
                f.providers,
                f.cipher,
                new RedirectAllowList(List.of()),
                EngineFixture.STATE_TTL,
                f.clock,
                co.plugkit.internal.telemetry.Telemetry.NONE,
                (account, token) -> {});
    }

    @Test
    void aStateSealedByOneServerCompletesOnAnotherWithTheSameKeyOnce() {
        ConnectFlow second = server(Base64.getDecoder().decode(TestKeys.ENCRYPTION_KEY));
        ConnectStart.Started started = start();

        CallbackOutcome there =
                second.complete(Platform.INSTAGRAM, callback(started.state(), f.instagram.approve(ACME)));
        CallbackOutcome here =
                f.connectFlow().complete(Platform.INSTAGRAM, callback(started.state(), f.instagram.approve(ACME)));

        assertThat(there).isInstanceOf(CallbackOutcome.Connected.class);
        assertThat(((CallbackOutcome.Failed) here).error()).isEqualTo(ConnectError.STATE_ALREADY_USED);
        assertThat(status(started)).isInstanceOf(ConnectStatus.Connected.class);
        assertThat(f.instagram.calls(Call.CODE_EXCHANGE)).isEqualTo(1);
    }

    @Test
    void aServerWithAnotherKeyDoesNotKnowTheState() {
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 7);
        ConnectFlow stranger = server(otherKey);
        ConnectStart.Started started = start();

        CallbackOutcome outcome =
                stranger.complete(Platform.INSTAGRAM, callback(started.state(), f.instagram.approve(ACME)));

        assertThat(((CallbackOutcome.Failed) outcome).error()).isEqualTo(ConnectError.STATE_UNKNOWN);
        assertThat(status(started)).isInstanceOf(ConnectStatus.Pending.class);
    }

    @Test
    void theSweepDeletesOutcomesADayAfterTheirExpiry() {
        ConnectStart.Started started = start();
        redirectWithError(started, "access_denied", "user_denied", null);
        ConnectStateSweeper sweeper = new ConnectStateSweeper(f.store.connectStates(), f.clock);

        f.clock.advance(
                EngineFixture.STATE_TTL.plus(ConnectStateSweeper.RETENTION).minusSeconds(5));
        assertThat(sweeper.runOnce()).isZero();
        assertThat(status(started)).isInstanceOf(ConnectStatus.Failed.class);

        f.clock.advance(Duration.ofSeconds(10));
        assertThat(sweeper.runOnce()).isEqualTo(1);
        assertThat(status(started)).isEqualTo(new ConnectStatus.Expired(started.expiresAt(), ConnectError.NO_CALLBACK));
    }
}
