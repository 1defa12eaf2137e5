package co.plugkit.internal.engine;

import static co.plugkit.internal.engine.EngineFixture.ACME;
import static co.plugkit.internal.engine.EngineFixture.callback;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.CallbackOutcome.Connected;
import co.plugkit.internal.engine.CallbackOutcome.Failed;
import co.plugkit.internal.instagram.InstagramException;
import co.plugkit.model.Account;
import co.plugkit.model.AccountStatus;
import co.plugkit.provider.Platform;
import co.plugkit.provider.Provider;
import co.plugkit.provider.ProviderException;
import co.plugkit.provider.ProviderProfile;
import co.plugkit.provider.ProviderToken;
import co.plugkit.secret.Secret;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.InProcessInstagram;
import co.plugkit.testing.InProcessInstagram.Call;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ConnectFlow} without a container: its outcomes, what it stored, and what Instagram received. */
class ConnectFlowTest {
    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = EngineFixture.start();
    }

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    private void use(EngineFixture.Options options) {
        f.close();
        f = new EngineFixture(options);
    }

    private CallbackOutcome complete(String state, String code) {
        return f.connectFlow().complete(Platform.INSTAGRAM, callback(state, code));
    }

    private String start() {
        return f.start(f.workspace, f.profile, Optional.empty());
    }

    private List<Account> stored() {
        return f.accounts()
                .list(f.workspace, Optional.empty(), 100, Optional.empty())
                .items();
    }

    private static Failed failed(CallbackOutcome outcome, ConnectError error) {
        assertThat(outcome).isInstanceOf(Failed.class);
        Failed failed = (Failed) outcome;
        assertThat(failed.error()).isEqualTo(error);
        return failed;
    }

    @Test
    void aCompletedFlowStoresTheAccountWithTheLongLivedTokenSealed() {
        ConnectStart.Started started = (ConnectStart.Started)
                f.connectFlow().start(f.workspace, Platform.INSTAGRAM, f.profile, Optional.empty());
        assertThat(started.authUrl().getQuery()).contains("state=" + started.state());
        assertThat(started.expiresAt()).isEqualTo(f.clock.instant().plus(EngineFixture.STATE_TTL));
        String code = f.instagram.approve(ACME);

        CallbackOutcome outcome = complete(started.state(), code);

        assertThat(outcome).isInstanceOf(Connected.class);
        Account account = ((Connected) outcome).account();
        assertThat(outcome.redirectUrl()).isEmpty();
        assertThat(account.id().value()).startsWith("acc_");
        assertThat(account.workspaceId()).isEqualTo(f.workspace);
        assertThat(account.profileId()).isEqualTo(f.profile);
        assertThat(account.platform()).isEqualTo(Platform.INSTAGRAM);
        assertThat(account.externalId()).isEqualTo(ACME.userId());
        assertThat(account.appScopedId()).contains(ACME.appScopedId());
        assertThat(account.username()).isEqualTo("acme");
        assertThat(account.displayName()).contains("Name of acme");
        assertThat(account.accountType()).isEqualTo("BUSINESS");
        assertThat(account.profilePictureUrl()).contains("https://scontent.example/acme.jpg");
        assertThat(account.scopes()).containsExactlyElementsOf(EngineFixture.SCOPES);
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.statusReason()).isEmpty();
        assertThat(account.tokenExpiresAt()).contains(f.clock.instant().plus(InProcessInstagram.LONG_LIVED));
        assertThat(account.connectedAt()).isEqualTo(f.clock.instant());
        assertThat(stored()).containsExactly(account);

        // Instagram got the code once, the short-lived token once, and /me the long-lived token.
        String longLived = f.instagram.lastIssuedToken();
        assertThat(f.instagram.received(Call.CODE_EXCHANGE)).containsExactly(code);
        assertThat(f.instagram.received(Call.LONG_LIVED_EXCHANGE)).hasSize(1);
        assertThat(f.instagram.received(Call.ME)).containsExactly(longLived);
        assertThat(f.storedToken(account)).contains(longLived);
    }

    @Test
    void withoutPermissionsInTheExchangeTheRequestedScopesAreRecorded() {
        f.instagram.listPermissions(false);
        assertThat(f.connected(ACME).scopes()).containsExactlyElementsOf(EngineFixture.SCOPES);
    }

    @Test
    void eachStartHandsOutAFreshStateAndUnknownProfilesAreRefused() {
        String first = start();
        String second = start();
        assertThat(first).isNotEqualTo(second).hasSizeGreaterThanOrEqualTo(43);

        WorkspaceId other = f.newWorkspace("Other");
        ProfileId othersProfile = f.newProfile(other, "Joe");
        assertThat(f.connectFlow().start(f.workspace, Platform.INSTAGRAM, othersProfile, Optional.empty()))
                .as("a profile of another workspace")
                .isInstanceOf(ConnectStart.ProfileNotFound.class);
        assertThat(f.connectFlow().start(f.workspace, Platform.INSTAGRAM, ProfileId.random(), Optional.empty()))
                .as("no such profile")
                .isInstanceOf(ConnectStart.ProfileNotFound.class);
    }

    @Test
    void reconnectingTheSameInstagramAccountUpdatesTheOneAccount() {
        Account before = f.connected(ACME);
        String firstToken = f.instagram.lastIssuedToken();

        f.clock.advance(Duration.ofDays(3));
        Account after =
                f.connected(new IgAccount(ACME.userId(), ACME.appScopedId(), "acme_renamed", "Acme", "BUSINESS", null));

        assertThat(stored()).hasSize(1);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.username()).isEqualTo("acme_renamed");
        assertThat(after.displayName()).contains("Acme");
        assertThat(after.profilePictureUrl()).isEmpty();
        assertThat(after.connectedAt()).isEqualTo(before.connectedAt());
        assertThat(after.updatedAt()).isEqualTo(f.clock.instant());
        assertThat(after.tokenExpiresAt())
                .contains(before.tokenExpiresAt().orElseThrow().plus(Duration.ofDays(3)));
        assertThat(f.storedToken(after)).contains(f.instagram.lastIssuedToken()).isNotEqualTo(Optional.of(firstToken));
    }

    @Test
    void anotherInstagramAccountOrAnotherProfileMakesAnotherAccount() {
        Account acme = f.connected(ACME);
        Account shop = f.connected(IgAccount.business("17841400000000002", "acme_shop"));
        ProfileId joe = f.newProfile(f.workspace, "Joe");
        Account acmeOfJoe = f.connected(f.workspace, joe, ACME);

        assertThat(List.of(acme.id(), shop.id(), acmeOfJoe.id())).doesNotHaveDuplicates();
        assertThat(f.accounts()
                        .list(f.workspace, Optional.of(f.profile), 10, Optional.empty())
                        .items())
                .extracting(Account::username)
                .containsExactly("acme", "acme_shop");
        assertThat(f.accounts()
                        .list(f.workspace, Optional.of(joe), 10, Optional.empty())
                        .items())
                .extracting(Account::id)
                .containsExactly(acmeOfJoe.id());
    }

    @Test
    void deniedConsentStoresNothingAndSendsNothingUpstream() {
        String state = start();
        CallbackOutcome outcome = f.connectFlow()
                .complete(
                        Platform.INSTAGRAM,
                        new CallbackRequest(
                                Optional.of(state),
                                Optional.empty(),
                                Optional.of("access_denied"),
                                Optional.of("user_denied")));

        assertThat(failed(outcome, ConnectError.ACCESS_DENIED).profileId()).contains(f.profile);
        assertThat(f.instagram.received()).isEmpty();
        assertThat(stored()).isEmpty();

        CallbackOutcome other = f.connectFlow()
                .complete(
                        Platform.INSTAGRAM,
                        new CallbackRequest(
                                Optional.of(start()),
                                Optional.of("AQx"),
                                Optional.of("server_error"),
                                Optional.empty()));
        failed(other, ConnectError.AUTHORIZATION_FAILED);
        assertThat(f.instagram.received()).isEmpty();
    }

    @Test
    void aMissingOrUnknownStateIsRefusedBeforeAnythingIsSentUpstream() {
        String code = f.instagram.approve(ACME);
        Failed missing = failed(
                f.connectFlow()
                        .complete(
                                Platform.INSTAGRAM,
                                new CallbackRequest(
                                        Optional.empty(), Optional.of(code), Optional.empty(), Optional.empty())),
                ConnectError.STATE_MISSING);
        Failed unknown = failed(complete("not-a-state-we-issued", code), ConnectError.STATE_UNKNOWN);

        assertThat(missing.profileId()).isEmpty();
        assertThat(unknown.profileId()).isEmpty();
        assertThat(f.instagram.received()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void aStateWorksOnceSoAReplayNeverReachesInstagram() {
        String state = start();
        String code = f.instagram.approve(ACME);
        assertThat(complete(state, code)).isInstanceOf(Connected.class);

        Failed replay = failed(complete(state, code), ConnectError.STATE_ALREADY_USED);

        assertThat(replay.profileId()).contains(f.profile);
        assertThat(f.instagram.calls(Call.CODE_EXCHANGE)).isEqualTo(1);
        assertThat(stored()).hasSize(1);
    }

    @Test
    void aStateWorksUntilItExpiresAndNotAfter() {
        String late = start();
        String inTime = start();
        f.clock.advance(EngineFixture.STATE_TTL.minusSeconds(1));
        assertThat(complete(inTime, f.instagram.approve(ACME))).isInstanceOf(Connected.class);

        f.clock.advance(Duration.ofSeconds(2));
        Failed expired = failed(complete(late, f.instagram.approve(ACME)), ConnectError.STATE_EXPIRED);

        assertThat(expired.profileId()).contains(f.profile);
        assertThat(f.instagram.calls(Call.CODE_EXCHANGE)).isEqualTo(1);
        assertThat(stored()).hasSize(1);
    }

    @Test
    void aStateOfAnotherPlatformIsRefusedByInstagramsCallbackAndTheOtherWay() {
        Provider other = new StubProvider(new Platform("mini"));
        use(EngineFixture.options().provider(other));
        String miniState = ((ConnectStart.Started)
                        f.connectFlow().start(f.workspace, other.platform(), f.profile, Optional.empty()))
                .state();
        String instagramState = start();

        failed(complete(miniState, f.instagram.approve(ACME)), ConnectError.STATE_UNKNOWN);
        failed(
                f.connectFlow().complete(other.platform(), callback(instagramState, "mini-code")),
                ConnectError.STATE_UNKNOWN);
        failed(
                f.connectFlow().complete(new Platform("nowhere"), callback(start(), "code")),
                ConnectError.STATE_UNKNOWN);

        assertThat(f.instagram.received()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void aCallbackWithoutACodeIsRefused() {
        for (Optional<String> code : List.of(Optional.<String>empty(), Optional.of(""), Optional.of("#_"))) {
            Failed failed = failed(
                    f.connectFlow()
                            .complete(
                                    Platform.INSTAGRAM,
                                    new CallbackRequest(
                                            Optional.of(start()), code, Optional.empty(), Optional.empty())),
                    ConnectError.CODE_MISSING);
            assertThat(failed.profileId()).as(code.toString()).contains(f.profile);
        }
        assertThat(f.instagram.received()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void theHashFragmentInstagramAppendsIsNotPartOfTheCode() {
        String code = f.instagram.approve(ACME);

        assertThat(complete(start(), code + "#_")).isInstanceOf(Connected.class);
        assertThat(f.instagram.received(Call.CODE_EXCHANGE)).containsExactly(code);
    }

    @Test
    void onlyBusinessAndCreatorAccountsAreConnected() {
        IgAccount personal = new IgAccount("17841400000000009", "27280000000000009", "just_me", "Me", "PERSONAL", null);
        Failed refused = failed(f.connect(f.workspace, f.profile, personal), ConnectError.NOT_PROFESSIONAL_ACCOUNT);
        assertThat(refused.profileId()).contains(f.profile);
        assertThat(stored()).isEmpty();

        IgAccount creator =
                new IgAccount("17841400000000010", "27280000000000010", "maker", "Maker", "MEDIA_CREATOR", null);
        assertThat(f.connected(creator).accountType()).isEqualTo("MEDIA_CREATOR");
    }

    static Stream<Arguments> upstreamFailures() {
        List<Arguments> cases = new ArrayList<>();
        for (Call call : List.of(Call.CODE_EXCHANGE, Call.LONG_LIVED_EXCHANGE, Call.ME)) {
            cases.add(Arguments.of(
                    call,
                    (Supplier<InstagramException>) () -> InProcessInstagram.rejected(190, null),
                    ConnectError.INSTAGRAM_REJECTED));
            cases.add(Arguments.of(
                    call,
                    (Supplier<InstagramException>) () -> InProcessInstagram.rejected(4, null),
                    ConnectError.INSTAGRAM_REJECTED));
            cases.add(Arguments.of(
                    call,
                    (Supplier<InstagramException>) InProcessInstagram::unavailable,
                    ConnectError.INSTAGRAM_UNAVAILABLE));
            cases.add(Arguments.of(
                    call,
                    (Supplier<InstagramException>) InProcessInstagram::malformed,
                    ConnectError.INSTAGRAM_BAD_RESPONSE));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("upstreamFailures")
    void eachUpstreamFailureEndsInItsErrorWithNothingStoredAndANewFlowThenWorks(
            Call call, Supplier<InstagramException> failure, ConnectError expected) {
        String state = start();
        String code = f.instagram.approve(ACME);
        f.instagram.failNext(call, failure.get());

        Failed failed = failed(complete(state, code), expected);

        assertThat(failed.profileId()).contains(f.profile);
        assertThat(f.instagram.calls(call)).isEqualTo(1);
        assertThat(stored()).isEmpty();
        failed(complete(state, code), ConnectError.STATE_ALREADY_USED);
        assertThat(f.connected(ACME).status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void aCodeInstagramDoesNotKnowIsRejected() {
        failed(complete(start(), "AQnot-issued"), ConnectError.INSTAGRAM_REJECTED);
        assertThat(stored()).isEmpty();
    }

    @Test
    void anAllowListedRedirectUrlTravelsInTheOutcomeWhateverItIs() {
        use(EngineFixture.options().allowRedirectsTo("https://app.example.com/connected"));
        URI target = URI.create("https://app.example.com/connected?tab=ig");

        String state = f.start(f.workspace, f.profile, Optional.of(target.toString()));
        assertThat(complete(state, f.instagram.approve(ACME)).redirectUrl()).contains(target);

        String denied = f.start(f.workspace, f.profile, Optional.of(target.toString()));
        CallbackOutcome outcome = f.connectFlow()
                .complete(
                        Platform.INSTAGRAM,
                        new CallbackRequest(
                                Optional.of(denied), Optional.empty(), Optional.of("access_denied"), Optional.empty()));
        assertThat(failed(outcome, ConnectError.ACCESS_DENIED).redirectUrl()).contains(target);

        String failing = f.start(f.workspace, f.profile, Optional.of(target.toString()));
        f.instagram.failNext(Call.ME, InProcessInstagram.unavailable());
        assertThat(failed(complete(failing, f.instagram.approve(ACME)), ConnectError.INSTAGRAM_UNAVAILABLE)
                        .redirectUrl())
                .contains(target);

        // An unknown state names no profile and no redirect: nothing says whose they would be.
        assertThat(complete("unknown", "AQx").redirectUrl()).isEmpty();
    }

    @Test
    void aRedirectUrlOffTheAllowListIsRefusedAtTheStart() {
        use(EngineFixture.options().allowRedirectsTo("https://app.example.com/connected"));
        for (String bad : List.of(
                "https://app.example.com.evil.net/connected",
                "https://app.example.com/connectedx",
                "http://app.example.com/connected",
                "https://app.example.com/connected/" + "x".repeat(ConnectFlow.MAX_REDIRECT_URL),
                "javascript:alert(1)")) {
            assertThat(f.connectFlow().start(f.workspace, Platform.INSTAGRAM, f.profile, Optional.of(bad)))
                    .as(bad)
                    .isInstanceOf(ConnectStart.RedirectNotAllowed.class);
        }
        String longest = "https://app.example.com/connected/";
        longest += "x".repeat(ConnectFlow.MAX_REDIRECT_URL - longest.length());
        ConnectStart.Started started = (ConnectStart.Started)
                f.connectFlow().start(f.workspace, Platform.INSTAGRAM, f.profile, Optional.of(longest));
        // the longest redirect still fits in the state and in the session's row
        assertThat(complete(started.state(), f.instagram.approve(ACME)).redirectUrl())
                .contains(URI.create(longest));
        use(EngineFixture.options());
        assertThat(f.connectFlow()
                        .start(f.workspace, Platform.INSTAGRAM, f.profile, Optional.of("https://app.example.com/x")))
                .as("no allow-list, no redirect")
                .isInstanceOf(ConnectStart.RedirectNotAllowed.class);
    }

    /** A platform other than Instagram that only hands out authorization URLs; any other call fails. */
    private record StubProvider(Platform platform) implements Provider {
        @Override
        public List<String> scopes() {
            return List.of("basic");
        }

        @Override
        public URI authorizationUrl(String state) {
            return URI.create("https://" + platform + ".test/authorize?state=" + state);
        }

        @Override
        public ProviderToken exchangeCode(Secret code) throws ProviderException {
            throw new AssertionError("the stub provider was asked for a token");
        }

        @Override
        public ProviderProfile profile(Secret accessToken) {
            throw new AssertionError("the stub provider was asked for a profile");
        }

        @Override
        public ProviderToken refresh(Secret accessToken) {
            throw new AssertionError("the stub provider was asked to refresh");
        }

        @Override
        public void revoke(Secret accessToken) {
            throw new AssertionError("the stub provider was asked to revoke");
        }

        @Override
        public boolean isEligible(ProviderProfile profile) {
            return true;
        }

        @Override
        public Optional<String> permanentFailureReason(ProviderException failure) {
            return Optional.empty();
        }
    }
}
