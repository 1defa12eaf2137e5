package co.plugkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.engine.RefreshOutcome;
import co.plugkit.internal.engine.TokenRefresher;
import co.plugkit.internal.instagram.InstagramApi;
import co.plugkit.internal.instagram.InstagramProfile;
import co.plugkit.internal.instagram.InstagramProvider;
import co.plugkit.internal.instagram.LongLivedToken;
import co.plugkit.internal.instagram.ShortLivedToken;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.Profile;
import co.plugkit.model.Workspace;
import co.plugkit.provider.Platform;
import co.plugkit.provider.Providers;
import co.plugkit.secret.Secret;
import co.plugkit.settings.RefreshPolicy;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several refreshers (separate pools, as on separate servers) on one database: every due account is
 * refreshed exactly once per round, and a refresh racing a reconnect never overwrites the newer token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConcurrentRefreshTest {
    private static final int ACCOUNTS = 200;
    private static final int INSTANCES = 4;

    private final TokenCipher cipher =
            new TokenCipher("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final CountingInstagram instagram = new CountingInstagram();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<TokenRefresher> refreshers = new ArrayList<>();
    private TestDatabase database;
    private JdbiPlugKitStore store;
    private MutableClock clock;

    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void start() {
        database = openDatabase();
        JdbiPlugKitStore.migrate(database.dataSource());
        store = JdbiPlugKitStore.of(database.dataSource());
        clock = MutableClock.startingNow();
        for (int i = 0; i < INSTANCES; i++) {
            HikariDataSource pool = database.newPool(4);
            pools.add(pool);
            JdbiPlugKitStore server = JdbiPlugKitStore.of(pool);
            refreshers.add(new TokenRefresher(
                    server.accounts(),
                    server.refresh(),
                    new Providers(List.of(new InstagramProvider(instagram, List.of("instagram_business_basic")))),
                    cipher,
                    new RefreshPolicy(
                            Duration.ofDays(30),
                            Duration.ofHours(24),
                            Duration.ofHours(1),
                            4,
                            25,
                            Duration.ofMinutes(5)),
                    clock,
                    co.plugkit.internal.telemetry.Telemetry.NONE));
        }
    }

    @AfterAll
    void stop() {
        refreshers.forEach(TokenRefresher::close);
        pools.forEach(HikariDataSource::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void fourRefreshersRefreshTwoHundredDueAccountsExactlyOnceEachRound() throws Exception {
        WorkspaceId ws = store.workspaces()
                .createIfAbsent(new Workspace(WorkspaceId.random(), "W", clock.instant()))
                .id();
        ProfileId profile = profile(ws);
        for (int i = 0; i < ACCOUNTS; i++) {
            store.accounts()
                    .upsert(
                            connection(ws, profile, "1784150000" + String.format("%07d", i), "token-" + i),
                            AccountId.random(),
                            clock.instant());
        }

        for (int round = 1; round <= 3; round++) {
            clock.advance(Duration.ofDays(31));
            instagram.calls.set(0);
            instagram.perToken.clear();

            int refreshed = runAllAtOnce();

            assertThat(instagram.calls.get())
                    .as("round %d: refresh calls", round)
                    .isEqualTo(ACCOUNTS);
            assertThat(refreshed).as("round %d: refreshed", round).isEqualTo(ACCOUNTS);
            assertThat(instagram.perToken.values())
                    .as("no token refreshed twice")
                    .allMatch(n -> n.get() == 1);
            assertThat(runAllAtOnce()).as("nothing left due").isZero();
        }
        assertThat(store.accounts()
                        .list(ws, Optional.empty(), 100, Optional.empty())
                        .items())
                .allMatch(a -> a.status().apiName().equals("active"));
    }

    @Test
    void aRefreshRacingAReconnectNeverOverwritesTheNewerToken() throws Exception {
        WorkspaceId ws = store.workspaces()
                .createIfAbsent(new Workspace(WorkspaceId.random(), "W", clock.instant()))
                .id();
        ProfileId profile = profile(ws);
        Account account = store.accounts()
                .upsert(
                        connection(ws, profile, "17841599999999999", "racing-token"),
                        AccountId.random(),
                        clock.instant());
        clock.advance(Duration.ofDays(31));
        instagram.blockOn("racing-token");

        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<RefreshOutcome> refresh =
                    runner.submit(() -> refreshers.get(0).refreshNow(ws, account.id()));
            assertThat(instagram.entered.await(10, TimeUnit.SECONDS)).isTrue();
            // Meanwhile the user connects again: a newer token arrives through the callback.
            store.accounts()
                    .upsert(
                            connection(ws, profile, "17841599999999999", "reconnected-token"),
                            AccountId.random(),
                            clock.instant());
            instagram.release.countDown();

            assertThat(refresh.get(10, TimeUnit.SECONDS)).isInstanceOf(RefreshOutcome.Superseded.class);
        } finally {
            runner.shutdownNow();
        }
        assertThat(cipher.open(
                                store.accounts().findToken(ws, account.id()).orElseThrow(),
                                new TokenBinding(ws, profile, Platform.INSTAGRAM, account.externalId()))
                        .reveal())
                .isEqualTo("reconnected-token");
        assertThat(store.accounts()
                        .find(ws, account.id())
                        .orElseThrow()
                        .status()
                        .apiName())
                .isEqualTo("active");
        store.accounts().delete(ws, account.id()); // the other test counts refreshes of every due account
    }

    @Test
    void fourRefreshersCheckTwoHundredAccountsExactlyOnceEachRound() throws Exception {
        WorkspaceId ws = store.workspaces()
                .createIfAbsent(new Workspace(WorkspaceId.random(), "W", clock.instant()))
                .id();
        ProfileId profile = profile(ws);
        List<AccountId> ids = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            ids.add(store.accounts()
                    .upsert(
                            connection(ws, profile, "1784160000" + String.format("%07d", i), "checked-token-" + i),
                            AccountId.random(),
                            clock.instant())
                    .id());
        }
        try {
            for (int round = 1; round <= 3; round++) {
                clock.advance(Duration.ofDays(2)); // due for a check, weeks from the refresh window
                instagram.checksPerToken.clear();

                runAllAtOnce(TokenRefresher.Report::checked);

                assertThat(instagram.checksPerToken.keySet())
                        .as("round %d: every token checked", round)
                        .filteredOn(token -> token.startsWith("checked-token-"))
                        .hasSize(ACCOUNTS);
                assertThat(instagram.checksPerToken.values())
                        .as("round %d: no token checked twice", round)
                        .allMatch(n -> n.get() == 1);
                assertThat(runAllAtOnce(TokenRefresher.Report::checked))
                        .as("nothing left to check")
                        .isZero();
            }
        } finally {
            ids.forEach(id -> store.accounts().delete(ws, id)); // the refresh test counts every due account
        }
    }

    private int runAllAtOnce() throws Exception {
        return runAllAtOnce(TokenRefresher.Report::refreshed);
    }

    /** Runs every refresher at once and sums {@code count} over their reports. */
    private int runAllAtOnce(ToIntFunction<TokenRefresher.Report> count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        try {
            List<Future<TokenRefresher.Report>> reports = new ArrayList<>();
            for (TokenRefresher r : refreshers) {
                reports.add(pool.submit(r::runOnce));
            }
            int sum = 0;
            for (Future<TokenRefresher.Report> report : reports) {
                sum += count.applyAsInt(report.get(60, TimeUnit.SECONDS));
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private ProfileId profile(WorkspaceId ws) {
        Profile p = new Profile(ProfileId.random(), ws, "Jane", clock.instant());
        store.profiles().insert(p);
        return p.id();
    }

    private AccountConnection connection(WorkspaceId ws, ProfileId profile, String userId, String token) {
        return new AccountConnection(
                ws,
                profile,
                Platform.INSTAGRAM,
                userId,
                Optional.empty(),
                "user" + userId.substring(10),
                Optional.empty(),
                "BUSINESS",
                Optional.empty(),
                List.of("instagram_business_basic"),
                cipher.seal(Secret.of(token), new TokenBinding(ws, profile, Platform.INSTAGRAM, userId)),
                Optional.of(clock.instant().plus(Duration.ofDays(60))),
                Optional.empty());
    }

    /** Instagram's refresh endpoint, counting calls per token; it can hold one token's refresh on a latch. */
    private static final class CountingInstagram implements InstagramApi {
        final AtomicInteger calls = new AtomicInteger();
        final Map<String, AtomicInteger> perToken = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> checksPerToken = new ConcurrentHashMap<>();
        final AtomicInteger issued = new AtomicInteger();
        volatile String blockedToken;
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);

        void blockOn(String token) {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            blockedToken = token;
        }

        @Override
        public LongLivedToken refresh(Secret token) {
            calls.incrementAndGet();
            perToken.computeIfAbsent(token.reveal(), t -> new AtomicInteger()).incrementAndGet();
            if (token.reveal().equals(blockedToken)) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new LongLivedToken(
                    Secret.of("refreshed-" + issued.incrementAndGet()), Optional.of(Duration.ofDays(60)));
        }

        @Override
        public URI authorizationUrl(String state) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ShortLivedToken exchangeCode(Secret code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LongLivedToken exchangeForLongLived(Secret shortLivedToken) {
            throw new UnsupportedOperationException();
        }

        /** A check: counted per token, and the token always still works. */
        @Override
        public InstagramProfile fetchProfile(Secret accessToken) {
            checksPerToken
                    .computeIfAbsent(accessToken.reveal(), t -> new AtomicInteger())
                    .incrementAndGet();
            return new InstagramProfile(
                    "17841500000000000", Optional.empty(), "checked", Optional.empty(), "BUSINESS", Optional.empty());
        }

        @Override
        public void revokePermissions(Secret accessToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void subscribeApp(Secret accessToken, List<String> fields) {
            throw new UnsupportedOperationException();
        }
    }
}
