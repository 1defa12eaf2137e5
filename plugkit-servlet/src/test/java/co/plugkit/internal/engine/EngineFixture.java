package co.plugkit.internal.engine;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.ConnectSessionIds;
import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.internal.crypto.SignedTickets;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.crypto.UnreadableTokenException;
import co.plugkit.internal.instagram.InstagramProvider;
import co.plugkit.internal.web.Json;
import co.plugkit.model.Account;
import co.plugkit.provider.Platform;
import co.plugkit.provider.Provider;
import co.plugkit.provider.Providers;
import co.plugkit.secret.Secret;
import co.plugkit.settings.AbuseLimits;
import co.plugkit.settings.RefreshPolicy;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.InProcessInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.TestDatabase;
import co.plugkit.testing.TestKeys;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The engine of one PlugKit, wired as {@code co.plugkit.PlugKit}'s constructor wires it, without a
 * servlet or a container: a fresh in-memory H2 ({@link TestDatabase#h2()}) migrated by {@link JdbiPlugKitStore}, the test key's
 * {@link TokenCipher}, {@link InstagramProvider} over an {@link InProcessInstagram}, and a
 * {@link MutableClock} shared by both.
 */
final class EngineFixture implements AutoCloseable {
    static final List<String> SCOPES = List.of("instagram_business_basic", "instagram_business_manage_messages");
    static final Duration STATE_TTL = Duration.ofMinutes(10);
    static final Secret APP_SECRET = Secret.of("test-instagram-app-secret");
    static final URI PUBLIC_URL = URI.create("https://plugkit.example.com/pk");

    static final IgAccount ACME = IgAccount.business("17841400000000001", "acme");

    final MutableClock clock = MutableClock.startingNow();
    final InProcessInstagram instagram = new InProcessInstagram(clock);
    private final TestDatabase database = TestDatabase.h2();
    final DataSource dataSource = database.dataSource();
    final JdbiPlugKitStore store;
    final TokenCipher cipher = new TokenCipher(Base64.getDecoder().decode(TestKeys.ENCRYPTION_KEY));
    /** As PlugKit's: keys derived from the encryption key, so two fixtures' states open in each other. */
    final ConnectSeals seals;

    final Providers providers;
    final Engine engine;
    final WorkspaceId workspace;
    final ProfileId profile;

    /** What a test may change before the engine is built. */
    static final class Options {
        RefreshPolicy policy = RefreshPolicy.defaults();
        List<URI> allowedRedirectUrls = List.of();
        List<Provider> moreProviders = new ArrayList<>();

        Options policy(RefreshPolicy policy) {
            this.policy = policy;
            return this;
        }

        Options allowRedirectsTo(String prefix) {
            this.allowedRedirectUrls = List.of(URI.create(prefix));
            return this;
        }

        Options provider(Provider provider) {
            this.moreProviders.add(provider);
            return this;
        }
    }

    static Options options() {
        return new Options();
    }

    static EngineFixture start() {
        return new EngineFixture(options());
    }

    /** With a refresh policy of the defaults but {@code window} and {@code checkInterval} and {@code concurrency}. */
    static RefreshPolicy policy(Duration window, Duration checkInterval, int concurrency, int batchSize) {
        RefreshPolicy d = RefreshPolicy.defaults();
        return new RefreshPolicy(window, checkInterval, d.interval(), concurrency, batchSize, d.lease());
    }

    EngineFixture(Options options) {
        // As PlugKit: whole microseconds, as the database keeps them.
        Clock engineClock = Clock.tick(clock, Duration.ofNanos(1_000));
        JdbiPlugKitStore.migrate(dataSource);
        store = JdbiPlugKitStore.of(dataSource);
        List<Provider> all = new ArrayList<>();
        all.add(new InstagramProvider(instagram, SCOPES));
        all.addAll(options.moreProviders);
        providers = new Providers(all);
        ApiKeys apiKeys =
                new ApiKeys(store.workspaces(), new AbuseLimiter(AbuseLimits.defaults(), engineClock), engineClock);
        seals = new ConnectSeals(
                new SignedTickets(
                        Base64.getDecoder().decode(TestKeys.ENCRYPTION_KEY), "plugkit connect state", engineClock),
                new ConnectSessionIds(Base64.getDecoder().decode(TestKeys.ENCRYPTION_KEY)));
        TokenRefresher refresher = new TokenRefresher(
                store.accounts(),
                store.refresh(),
                providers,
                cipher,
                options.policy,
                engineClock,
                co.plugkit.internal.telemetry.Telemetry.NONE);
        AccountTokens accountTokens = new AccountTokens(
                store.accounts(),
                store.refresh(),
                refresher,
                cipher,
                options.policy,
                Duration.ofSeconds(20),
                false,
                engineClock);
        engine = new Engine(
                apiKeys,
                new Workspaces(store.workspaces(), apiKeys, engineClock),
                new Profiles(store.profiles(), engineClock),
                new Accounts(store.accounts(), providers, cipher, engineClock),
                new ConnectFlow(
                        store.profiles(),
                        store.connectStates(),
                        seals,
                        store.accounts(),
                        providers,
                        cipher,
                        new RedirectAllowList(options.allowedRedirectUrls),
                        STATE_TTL,
                        engineClock,
                        co.plugkit.internal.telemetry.Telemetry.NONE,
                        (account, token) -> {}),
                refresher,
                new TokenResealer(
                        store.accounts(),
                        store.refresh(),
                        cipher,
                        options.policy.batchSize(),
                        options.policy.lease(),
                        engineClock),
                new ManualConnect(store.profiles(), store.accounts(), providers, cipher, engineClock),
                new MetaCallbacks(
                        store.accounts(), store.dataDeletions(), APP_SECRET, PUBLIC_URL, Json.newMapper(), engineClock),
                new ConnectSessions(seals, store.connectStates(), engineClock),
                accountTokens,
                // The engine tests send nothing through the Graph API proxy (GraphProxyHttpTest does).
                new GraphProxy(accountTokens, (call, token) -> {
                    throw new GraphUpstream.Failure(GraphUpstream.Failure.Kind.UNREACHABLE, "no Graph API here");
                }),
                co.plugkit.internal.events.EventServices.listenersOnly(
                        new co.plugkit.internal.events.ListenerDispatch(java.util.List.of())));
        workspace = newWorkspace("Acme");
        profile = newProfile(workspace, "Jane");
    }

    WorkspaceId newWorkspace(String name) {
        return engine.workspaces().create(name).workspace().id();
    }

    ProfileId newProfile(WorkspaceId workspaceId, String name) {
        return engine.profiles().create(workspaceId, name).id();
    }

    ConnectFlow connectFlow() {
        return engine.connectFlow();
    }

    ConnectSessions connectSessions() {
        return engine.connectSessions();
    }

    TokenRefresher refresher() {
        return engine.refresher();
    }

    Accounts accounts() {
        return engine.accounts();
    }

    /** A started flow's state. */
    String start(WorkspaceId workspaceId, ProfileId profileId, Optional<String> redirectUrl) {
        return ((ConnectStart.Started) connectFlow().start(workspaceId, Platform.INSTAGRAM, profileId, redirectUrl))
                .state();
    }

    static CallbackRequest callback(String state, String code) {
        return new CallbackRequest(Optional.of(state), Optional.of(code), Optional.empty(), Optional.empty());
    }

    /** The whole flow: start, the person approves as {@code account}, the callback completes. */
    CallbackOutcome connect(WorkspaceId workspaceId, ProfileId profileId, IgAccount account) {
        String state = start(workspaceId, profileId, Optional.empty());
        return connectFlow().complete(Platform.INSTAGRAM, callback(state, instagram.approve(account)));
    }

    /** The same, which must succeed. */
    Account connected(WorkspaceId workspaceId, ProfileId profileId, IgAccount account) {
        CallbackOutcome outcome = connect(workspaceId, profileId, account);
        if (outcome instanceof CallbackOutcome.Connected connected) {
            return connected.account();
        }
        throw new AssertionError("not connected: " + outcome);
    }

    Account connected(IgAccount account) {
        return connected(workspace, profile, account);
    }

    /** The account as stored now. */
    Account reload(Account account) {
        return accounts().find(account.workspaceId(), account.id()).orElseThrow();
    }

    /** The plaintext of the account's stored token, if it has one. */
    Optional<String> storedToken(Account account) {
        return store.accounts().findToken(account.workspaceId(), account.id()).map(sealedToken -> {
            try {
                return cipher.open(
                                sealedToken,
                                new TokenBinding(
                                        account.workspaceId(),
                                        account.profileId(),
                                        account.platform(),
                                        account.externalId()))
                        .reveal();
            } catch (UnreadableTokenException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** A Meta signed request for this user id (a JSON value: quoted or not), signed with the app secret. */
    static String signed(String userIdJson) {
        return SignedRequest.sign(
                APP_SECRET, "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1291836800,\"user_id\":" + userIdJson + "}");
    }

    void sql(String statement) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        engine.refresher().close();
        // An in-memory H2 outlives its connections (DB_CLOSE_DELAY=-1): shut it down, or each test keeps one.
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // the pool's connection died with the database: that was the point
        }
        database.close();
    }
}
