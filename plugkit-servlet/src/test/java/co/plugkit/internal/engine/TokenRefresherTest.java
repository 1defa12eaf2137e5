package co.plugkit.internal.engine;

import static co.plugkit.internal.engine.EngineFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import co.plugkit.id.AccountId;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.engine.TokenRefresher.Report;
import co.plugkit.internal.instagram.InstagramException;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.AccountStatus;
import co.plugkit.provider.Platform;
import co.plugkit.secret.Secret;
import co.plugkit.settings.RefreshPolicy;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.InProcessInstagram;
import co.plugkit.testing.InProcessInstagram.Call;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TokenRefresher} without a container: which tokens a run refreshes or checks, what it stores, how
 * each failure ends, and what Instagram received, with Instagram's 24-hour and 60-day rules on a clock
 * the test moves.
 */
class TokenRefresherTest {
    private static final Duration WINDOW_59_DAYS = Duration.ofDays(59);

    private EngineFixture f;

    private void start(RefreshPolicy policy) {
        f = new EngineFixture(EngineFixture.options().policy(policy));
    }

    private void start() {
        start(RefreshPolicy.defaults());
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private Report run() {
        return f.refresher().runOnce();
    }

    private static IgAccount account(int i) {
        return IgAccount.business("1784140000000000" + i, "acct" + i);
    }

    @Test
    void aTokenIsRefreshedOnlyOnceItExpiresWithinTheWindow() {
        start();
        Account account = f.connected(ACME);
        Instant expiry = account.tokenExpiresAt().orElseThrow();

        f.clock.advance(Duration.between(
                f.clock.instant(), expiry.minus(Duration.ofDays(30)).minusSeconds(60)));
        assertThat(run().refreshed()).isZero();
        assertThat(f.instagram.calls(Call.REFRESH)).isZero();

        f.clock.advance(Duration.ofMinutes(2));
        assertThat(run().refreshed()).isEqualTo(1);
        assertThat(f.instagram.calls(Call.REFRESH)).isEqualTo(1);
    }

    @Test
    void aTokenUnderADayOldIsNeverRefreshedNorIsTheTokenARefreshJustBrought() {
        start(EngineFixture.policy(WINDOW_59_DAYS, Duration.ofHours(24), 4, 50));
        Account account = f.connected(ACME);

        f.clock.advance(Duration.ofHours(23));
        assertThat(run().attempted()).isZero();
        f.clock.advance(Duration.ofHours(2));
        assertThat(run().refreshed()).isEqualTo(1);
        assertThat(run().attempted()).as("the new token is again too new").isZero();

        Account refreshed = f.reload(account);
        assertThat(refreshed.tokenExpiresAt()).contains(f.clock.instant().plus(InProcessInstagram.LONG_LIVED));
        assertThat(refreshed.lastRefreshedAt()).contains(f.clock.instant());
        assertThat(f.instagram.refreshesTooEarly()).isZero();
    }

    @Test
    void theRefreshedTokenIsStoredAndTheOldOneIsNeverSentAgain() {
        start(EngineFixture.policy(WINDOW_59_DAYS, Duration.ofHours(24), 4, 50));
        Account account = f.connected(ACME);
        String first = f.storedToken(account).orElseThrow();

        f.clock.advance(Duration.ofHours(25));
        assertThat(run().refreshed()).isEqualTo(1);
        String second = f.storedToken(account).orElseThrow();
        assertThat(second).isNotEqualTo(first).isEqualTo(f.instagram.lastIssuedToken());
        assertThat(f.instagram.isValid(first)).as("Instagram replaced it").isFalse();
        int afterFirstRefresh = f.instagram.received().size();

        f.clock.advance(Duration.ofHours(25));
        assertThat(run().refreshed()).isEqualTo(1);
        String disconnected = f.storedToken(account).orElseThrow();
        assertThat(f.engine.accounts().disconnect(f.workspace, account.id())).isTrue();

        assertThat(f.instagram.received(Call.REFRESH)).containsExactly(first, second);
        assertThat(f.instagram.received(Call.REVOKE)).containsExactly(disconnected);
        assertThat(f.instagram
                        .received()
                        .subList(afterFirstRefresh, f.instagram.received().size()))
                .extracting(InProcessInstagram.Received::secret)
                .doesNotContain(first);
    }

    static Stream<Arguments> finalFailures() {
        return Stream.of(
                Arguments.of(190, 460, "password_changed"),
                Arguments.of(190, 463, "token_expired"),
                Arguments.of(190, 458, "app_removed"),
                Arguments.of(190, null, "token_invalid"),
                Arguments.of(102, null, "session_invalid"),
                Arguments.of(10, null, "permission_removed"),
                Arguments.of(200, null, "permission_removed"));
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @MethodSource("finalFailures")
    void aRefreshInstagramRejectsForGoodNeedsReconnectingAndWipesTheToken(int code, Integer subcode, String reason) {
        start();
        Account account = f.connected(ACME);
        f.clock.advance(Duration.ofDays(31));
        f.instagram.failNext(Call.REFRESH, InProcessInstagram.rejected(code, subcode));

        Report report = run();

        assertThat(report.needsReconnect()).isEqualTo(1);
        assertThat(report.attempted()).isEqualTo(1);
        Account after = f.reload(account);
        assertThat(after.status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
        assertThat(after.statusReason()).contains(reason);
        assertThat(f.storedToken(after)).as("the dead token is wiped").isEmpty();

        f.clock.advance(Duration.ofDays(1));
        assertThat(run().attempted()).as("no more retries").isZero();
        assertThat(f.instagram.calls(Call.REFRESH)).isEqualTo(1);

        Account reconnected = f.connected(ACME);
        assertThat(reconnected.id()).isEqualTo(account.id());
        assertThat(reconnected.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(reconnected.statusReason()).isEmpty();
    }

    static Stream<Arguments> transientFailures() {
        return Stream.of(
                Arguments.of("unavailable", (Supplier<InstagramException>) InProcessInstagram::unavailable),
                Arguments.of("malformed", (Supplier<InstagramException>) InProcessInstagram::malformed),
                Arguments.of(
                        "rate limited (4)", (Supplier<InstagramException>) () -> InProcessInstagram.rejected(4, null)),
                Arguments.of(
                        "throttled (613)", (Supplier<InstagramException>) () -> InProcessInstagram.rejected(613, null)),
                Arguments.of("unknown error (1)", (Supplier<InstagramException>)
                        () -> InProcessInstagram.rejected(1, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFailures")
    void aTransientFailureKeepsTheTokenAndIsRetriedAfterADoublingBackOff(
            String name, Supplier<InstagramException> failure) {
        start();
        Account account = f.connected(ACME);
        String token = f.storedToken(account).orElseThrow();
        f.clock.advance(Duration.ofDays(31));
        f.instagram.failNext(Call.REFRESH, failure.get());

        assertThat(run().deferred()).isEqualTo(1);
        Account after = f.reload(account);
        assertThat(after.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(after.tokenExpiresAt()).isEqualTo(account.tokenExpiresAt());
        assertThat(f.storedToken(after)).contains(token);
        assertThat(run().attempted())
                .as("neither refreshed nor checked while backing off")
                .isZero();

        // The first back-off is 7.5 to 15 minutes; the second 15 to 30.
        f.clock.advance(Duration.ofMinutes(7));
        assertThat(run().attempted()).isZero();
        f.clock.advance(Duration.ofMinutes(8));
        f.instagram.failNext(Call.REFRESH, failure.get());
        assertThat(run().deferred()).isEqualTo(1);
        f.clock.advance(Duration.ofMinutes(14));
        assertThat(run().attempted()).isZero();
        f.clock.advance(Duration.ofMinutes(16));
        assertThat(run().refreshed()).isEqualTo(1);

        assertThat(f.instagram.received(Call.REFRESH)).containsExactly(token, token, token);
        assertThat(f.storedToken(account)).contains(f.instagram.lastIssuedToken());
        f.instagram.failNext(Call.ME, failure.get());
        f.clock.advance(Duration.ofDays(1));
        assertThat(run().deferred()).as("a check failing for now: the same").isEqualTo(1);
        assertThat(f.reload(account).status()).isEqualTo(AccountStatus.ACTIVE);
        f.clock.advance(Duration.ofMinutes(15));
        assertThat(run().checked()).as("retried after its back-off").isEqualTo(1);
    }

    @Test
    void backOffsDoubleWithJitterUpTo12Hours() {
        for (int failures = 0; failures < 15; failures++) {
            Duration cap = RefreshResults.FIRST_BACKOFF.multipliedBy(1L << Math.min(failures, 10));
            Duration max = cap.compareTo(RefreshResults.MAX_BACKOFF) > 0 ? RefreshResults.MAX_BACKOFF : cap;
            for (int i = 0; i < 20; i++) {
                assertThat(RefreshResults.backoff(failures))
                        .as("after %d failures", failures)
                        .isBetween(max.dividedBy(2), max);
            }
        }
    }

    @Test
    void theDailyCheckFindsATokenRevokedWithoutACallback() {
        start();
        Account account = f.connected(ACME);

        f.clock.advance(Duration.ofHours(23));
        assertThat(run().attempted())
                .as("checked at connect, a day has not passed")
                .isZero();
        f.clock.advance(Duration.ofHours(1));
        assertThat(run().checked()).isEqualTo(1);
        f.clock.advance(Duration.ofHours(1));
        assertThat(run().attempted()).as("checked an hour ago").isZero();
        assertThat(f.instagram.received(Call.ME))
                .hasSize(2)
                .containsOnly(f.storedToken(account).orElseThrow());

        f.clock.advance(Duration.ofHours(23));
        f.instagram.revokeTokensOf(ACME.userId()); // a password change: no callback reaches PlugKit
        Report report = run();

        assertThat(report.needsReconnect()).isEqualTo(1);
        assertThat(f.instagram.calls(Call.REFRESH))
                .as("a month from its refresh window")
                .isZero();
        Account after = f.reload(account);
        assertThat(after.status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
        assertThat(after.statusReason()).contains("password_changed");
        assertThat(f.storedToken(after)).isEmpty();
        f.clock.advance(Duration.ofDays(1));
        assertThat(run().attempted()).isZero();
    }

    @Test
    void aCheckBringsWhatInstagramSaysOfTheAccountUpToDate() {
        start();
        Account account = f.connected(ACME);
        f.instagram.account(
                new IgAccount(ACME.userId(), ACME.appScopedId(), "acme_coffee", "Acme Coffee", "BUSINESS", null));

        f.clock.advance(Duration.ofDays(1));
        assertThat(run().checked()).isEqualTo(1);

        Account after = f.reload(account);
        assertThat(after.username()).isEqualTo("acme_coffee");
        assertThat(after.displayName()).contains("Acme Coffee");
        assertThat(after.profilePictureUrl()).isEmpty();
        assertThat(after.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(after.tokenExpiresAt()).isEqualTo(account.tokenExpiresAt());
    }

    @Test
    void anExpiredTokenIsNeverSentAndTheAccountNeedsReconnecting() {
        start();
        Account account = f.connected(ACME);

        f.clock.advance(InProcessInstagram.LONG_LIVED.plusSeconds(1));
        Report report = run();

        assertThat(report.attempted()).isZero();
        assertThat(report.expired()).isEqualTo(1);
        assertThat(f.instagram.received())
                .extracting(InProcessInstagram.Received::call)
                .doesNotContain(Call.REFRESH);
        Account after = f.reload(account);
        assertThat(after.status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
        assertThat(after.statusReason()).contains("token_expired");
        assertThat(f.storedToken(after)).isEmpty();
    }

    @Test
    void inABatchOneAccountFailsForGoodOneForNowAndTheRestAreRefreshed() {
        // Account 1's refresh fails for now, account 3's token was revoked: whatever order the batch is
        // claimed in (it is shuffled, so that servers sweeping together take different rows).
        start(EngineFixture.policy(Duration.ofDays(30), Duration.ofHours(24), 1, 50));
        List<Account> accounts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            accounts.add(f.connected(account(i)));
        }
        f.clock.advance(Duration.ofDays(31));
        f.instagram.revokeTokensOf(account(3).userId());
        f.instagram.failNextRefreshOf(account(1).userId(), InProcessInstagram.unavailable());

        Report first = run();

        assertThat(first.refreshed()).isEqualTo(3);
        assertThat(first.needsReconnect()).isEqualTo(1);
        assertThat(first.deferred()).isEqualTo(1);
        assertThat(accounts)
                .extracting(a -> f.reload(a).status())
                .containsExactly(
                        AccountStatus.ACTIVE,
                        AccountStatus.ACTIVE,
                        AccountStatus.NEEDS_RECONNECT,
                        AccountStatus.ACTIVE,
                        AccountStatus.ACTIVE);
        assertThat(f.reload(accounts.get(0)).lastRefreshedAt())
                .as("the deferred one")
                .isEmpty();
        assertThat(run().attempted())
                .as("the deferred one waits for its back-off")
                .isZero();

        f.clock.advance(Duration.ofHours(13));
        assertThat(run().refreshed()).isEqualTo(1);
        assertThat(f.instagram.calls(Call.REFRESH)).isEqualTo(6);
    }

    @Test
    void aRunTriesEachAccountOnceThroughEveryBatch() {
        start(EngineFixture.policy(Duration.ofDays(30), Duration.ofHours(24), 2, 2));
        for (int i = 1; i <= 5; i++) {
            f.connected(account(i));
        }
        List<String> tokens = f.instagram.issuedTokens();
        f.clock.advance(Duration.ofDays(31));

        Report report = run();

        assertThat(report.refreshed()).isEqualTo(5);
        assertThat(report.attempted()).isEqualTo(5);
        assertThat(f.instagram.received(Call.REFRESH)).containsExactlyInAnyOrderElementsOf(tokens);
    }

    @Test
    void anAccountGivenBackDueIsNotTriedAgainInTheSameRun() {
        start();
        Account normal = f.connected(ACME);
        // A token sealed by a server with another key: not opened, given back untouched, still due.
        TokenCipher otherKey = new TokenCipher("another key of exactly 32 bytes!".getBytes(StandardCharsets.US_ASCII));
        IgAccount other = account(2);
        AccountConnection foreign = new AccountConnection(
                f.workspace,
                f.profile,
                Platform.INSTAGRAM,
                other.userId(),
                Optional.empty(),
                other.username(),
                Optional.empty(),
                "BUSINESS",
                Optional.empty(),
                List.of(),
                otherKey.seal(
                        Secret.of("IGAAsealed-elsewhere"),
                        new TokenBinding(f.workspace, f.profile, Platform.INSTAGRAM, other.userId())),
                Optional.of(f.clock.instant().plus(InProcessInstagram.LONG_LIVED)),
                Optional.empty());
        Account kept = f.store.accounts().upsert(foreign, AccountId.random(), f.clock.instant());
        f.clock.advance(Duration.ofDays(31));

        Report report = assertTimeoutPreemptively(Duration.ofSeconds(5), this::run);

        assertThat(report.refreshed()).isEqualTo(1);
        assertThat(f.instagram.received(Call.REFRESH)).hasSize(1);
        assertThat(f.instagram.received())
                .extracting(InProcessInstagram.Received::secret)
                .doesNotContain("IGAAsealed-elsewhere");
        assertThat(f.reload(kept).status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(f.store.accounts().findToken(f.workspace, kept.id()))
                .as("kept for a server with its key")
                .isPresent();
        assertThat(f.reload(normal).lastRefreshedAt()).contains(f.clock.instant());
    }

    @Test
    void aConnectionMadeTodayIsStillActiveAfter180DaysWithNoUserAction() {
        start();
        Account account = f.connected(ACME);

        int refreshes = 0;
        int checks = 0;
        for (int day = 1; day <= 180; day++) {
            f.clock.advance(Duration.ofDays(1));
            Report report = run();
            refreshes += report.refreshed();
            checks += report.checked();
        }

        Account after = f.reload(account);
        assertThat(after.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(after.tokenExpiresAt().orElseThrow())
                .isAfter(f.clock.instant().plus(Duration.ofDays(29)));
        assertThat(after.lastRefreshedAt()).isPresent();
        assertThat(refreshes)
                .as("once a month: each refresh buys 60 days, due with 30 left")
                .isEqualTo(6);
        assertThat(checks).as("checked each day it was not refreshed").isEqualTo(174);
        assertThat(f.instagram.refreshesTooEarly()).isZero();
        assertThat(f.instagram.isValid(f.storedToken(after).orElseThrow())).isTrue();
    }

    @Test
    void refreshNowFollowsTheSameRules() {
        start();
        Account account = f.connected(ACME);
        TokenRefresher refresher = f.refresher();

        assertThat(refresher.refreshNow(f.workspace, AccountId.random())).isInstanceOf(RefreshOutcome.NotFound.class);
        assertThat(refresher.refreshNow(f.newWorkspace("Other"), account.id()))
                .as("another workspace's account")
                .isInstanceOf(RefreshOutcome.NotFound.class);
        assertThat(refresher.refreshNow(f.workspace, account.id()))
                .isInstanceOfSatisfying(
                        RefreshOutcome.NotAttempted.class,
                        n -> assertThat(n.reason()).isEqualTo(RefreshOutcome.Skip.TOKEN_TOO_NEW));
        assertThat(f.instagram.calls(Call.REFRESH)).isZero();

        f.clock.advance(Duration.ofDays(2));
        assertThat(refresher.refreshNow(f.workspace, account.id()))
                .isInstanceOfSatisfying(RefreshOutcome.Refreshed.class, r -> {
                    assertThat(r.account().lastRefreshedAt()).contains(f.clock.instant());
                    assertThat(r.account().tokenExpiresAt())
                            .contains(f.clock.instant().plus(InProcessInstagram.LONG_LIVED));
                });

        f.clock.advance(Duration.ofDays(2));
        f.instagram.failNext(Call.REFRESH, InProcessInstagram.unavailable());
        assertThat(refresher.refreshNow(f.workspace, account.id())).isInstanceOf(RefreshOutcome.Deferred.class);

        f.instagram.revokeTokensOf(ACME.userId());
        assertThat(refresher.refreshNow(f.workspace, account.id()))
                .isInstanceOfSatisfying(RefreshOutcome.NeedsReconnect.class, n -> {
                    assertThat(n.reason()).isEqualTo("password_changed");
                    assertThat(n.account().status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
                });
        assertThat(refresher.refreshNow(f.workspace, account.id()))
                .isInstanceOfSatisfying(
                        RefreshOutcome.NotAttempted.class,
                        n -> assertThat(n.reason()).isEqualTo(RefreshOutcome.Skip.ACCOUNT_NOT_ACTIVE));
        assertThat(f.instagram.calls(Call.REFRESH)).isEqualTo(3);
    }
}
