package co.plugkit.bench.jmh;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.crypto.UnreadableTokenException;
import co.plugkit.internal.engine.AbuseLimiter;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.Authentication;
import co.plugkit.model.ConnectState;
import co.plugkit.model.SealedToken;
import co.plugkit.model.Workspace;
import co.plugkit.provider.Platform;
import co.plugkit.secret.Secret;
import co.plugkit.settings.AbuseLimits;
import co.plugkit.store.ConnectStateStore;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import co.plugkit.testing.TestKeys;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hot pieces of PlugKit's requests, each alone. The key check and the state run on an in-memory H2
 * database (the embedded default), so they include the lookup and the atomic update. {@link #baselineSha256}
 * is the unit of the ratios: one SHA-256 of 32 bytes on the same JVM at the same moment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPaths {
    private final Clock clock = Clock.systemUTC();
    private final byte[] thirtyTwo = new byte[32];
    private ApiKeys apiKeys;
    private Optional<String> presentedKey;
    private ConnectStateStore states;
    private ConnectState state;
    private TokenCipher cipher;
    private TokenBinding binding;
    private Secret token;
    private SealedToken sealed;

    @Setup
    public void setUp() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jmh-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        JdbiPlugKitStore.migrate(ds);
        JdbiPlugKitStore store = JdbiPlugKitStore.of(ds);
        WorkspaceId ws = store.workspaces()
                .createIfAbsent(new Workspace(WorkspaceId.DEFAULT, "jmh", clock.instant()))
                .id();
        apiKeys = new ApiKeys(store.workspaces(), new AbuseLimiter(new AbuseLimits(0, 0, 0), clock), clock);
        presentedKey = Optional.of(apiKeys.create(ws, "jmh").secret().reveal());
        states = store.connectStates();
        state = new ConnectState(
                "0".repeat(32),
                ws,
                ProfileId.random(),
                Platform.INSTAGRAM,
                Optional.empty(),
                clock.instant().plus(Duration.ofMinutes(10)));
        cipher = new TokenCipher(Base64.getDecoder().decode(TestKeys.ENCRYPTION_KEY));
        binding = new TokenBinding(ws, ProfileId.random(), Platform.INSTAGRAM, "17841400000000001");
        token = Secret.of("IGAA" + "x".repeat(180));
        sealed = cipher.seal(token, binding);
    }

    @Benchmark
    public byte[] baselineSha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(thirtyTwo);
    }

    /** {@code Authorization: Bearer sk_…} → the key: format, hash, lookup by hash (H2), expiry. */
    @Benchmark
    public Authentication keyCheck() {
        return apiKeys.authenticate(presentedKey, "127.0.0.1");
    }

    /**
     * A callback's claim of its connect session: the one write a connection makes before its account
     * (starting a connect writes nothing since the state is signed, see docs/performance.md).
     */
    @Benchmark
    public ConnectStateStore.Claim sessionClaim() {
        String key = Hashing.sha256Hex(Hashing.randomUrlToken(24)).substring(0, 32);
        ConnectState fresh = new ConnectState(
                key, state.workspaceId(), state.profileId(), state.platform(), Optional.empty(), state.expiresAt());
        return states.claim(fresh, clock.instant());
    }

    @Benchmark
    public SealedToken tokenSeal() {
        return cipher.seal(token, binding);
    }

    @Benchmark
    public Secret tokenOpen() throws UnreadableTokenException {
        return cipher.open(sealed, binding);
    }
}
