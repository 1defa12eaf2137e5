package co.plugkit.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.Profile;
import co.plugkit.model.Workspace;
import co.plugkit.provider.Platform;
import co.plugkit.secret.Secret;
import co.plugkit.store.RefreshClaim;
import co.plugkit.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A refresh batch is claimed with a few statements, whatever its size (it took two per account: 101
 * statements for a batch of 50, which at 100k due accounts was most of a sweep's database time), and still
 * leases every account to exactly one claimer, with the token that was stored.
 */
class RefreshClaimBatchTest {
    private static final TokenCipher CIPHER =
            new TokenCipher("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<TestDatabase>) TestDatabase::h2),
                Arguments.of("PostgreSQL", (Supplier<TestDatabase>) TestDatabase::postgres),
                Arguments.of("MariaDB", (Supplier<TestDatabase>) TestDatabase::mariadb));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchIsClaimedInAFewStatementsAndEveryAccountOnce(String name, Supplier<TestDatabase> database) {
        try (TestDatabase db = database.get()) {
            JdbiPlugKitStore.migrate(db.dataSource());
            AtomicInteger statements = new AtomicInteger();
            Jdbi jdbi = Jdbi.create(db.dataSource());
            jdbi.setSqlLogger(new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext context) {
                    statements.incrementAndGet();
                }
            });
            JdbiPlugKitStore store = JdbiPlugKitStore.of(jdbi);
            Instant now = Instant.parse("2026-06-01T10:00:00Z");
            WorkspaceId ws = store.workspaces()
                    .createIfAbsent(new Workspace(WorkspaceId.random(), "W", now))
                    .id();
            Profile profile = new Profile(ProfileId.random(), ws, "P", now);
            store.profiles().insert(profile);
            Set<String> tokens = new HashSet<>();
            for (int i = 0; i < 70; i++) {
                String user = "178415" + String.format("%011d", i);
                tokens.add("token-" + i);
                store.accounts().upsert(connection(ws, profile.id(), user, "token-" + i, now), AccountId.random(), now);
            }
            Instant later = now.plus(Duration.ofDays(40));

            statements.set(0);
            List<RefreshClaim> first = claim(store, later, "server-a", 50);
            int firstStatements = statements.get();
            List<RefreshClaim> second = claim(store, later, "server-b", 50);
            List<RefreshClaim> third = claim(store, later, "server-c", 50);

            assertThat(first).hasSize(50);
            assertThat(firstStatements).as("statements for a batch of 50").isLessThanOrEqualTo(3);
            assertThat(second).as("the rest, and nothing leased twice").hasSize(20);
            assertThat(third).isEmpty();
            Set<AccountId> ids = new HashSet<>();
            Set<String> opened = new HashSet<>();
            for (RefreshClaim c : Stream.concat(first.stream(), second.stream()).toList()) {
                ids.add(c.accountId());
                opened.add(open(c));
            }
            assertThat(ids).hasSize(70);
            assertThat(opened).isEqualTo(tokens);
        }
    }

    private static List<RefreshClaim> claim(JdbiPlugKitStore store, Instant at, String owner, int limit) {
        return store.refresh()
                .claimDue(
                        at,
                        at.minus(Duration.ofDays(1)),
                        at.plus(Duration.ofDays(30)),
                        owner,
                        at.plusSeconds(300),
                        limit);
    }

    private static String open(RefreshClaim c) {
        try {
            return CIPHER.open(
                            c.token(), new TokenBinding(c.workspaceId(), c.profileId(), c.platform(), c.externalId()))
                    .reveal();
        } catch (co.plugkit.internal.crypto.UnreadableTokenException e) {
            throw new AssertionError("a claim's token does not open", e);
        }
    }

    private static AccountConnection connection(
            WorkspaceId ws, ProfileId profile, String userId, String token, Instant now) {
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
                CIPHER.seal(Secret.of(token), new TokenBinding(ws, profile, Platform.INSTAGRAM, userId)),
                Optional.of(now.plus(Duration.ofDays(60))),
                Optional.empty());
    }
}
