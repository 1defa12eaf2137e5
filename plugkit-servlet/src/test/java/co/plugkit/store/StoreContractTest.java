package co.plugkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.AccountId;
import co.plugkit.id.ApiKeyId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.Hashing;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.AccountProfile;
import co.plugkit.model.AccountStatus;
import co.plugkit.model.Actor;
import co.plugkit.model.ApiKey;
import co.plugkit.model.ConnectState;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.Profile;
import co.plugkit.model.SealedToken;
import co.plugkit.model.Workspace;
import co.plugkit.provider.Platform;
import co.plugkit.store.ConnectStateStore.Claim;
import co.plugkit.store.ConnectStateStore.Claimed;
import co.plugkit.store.ConnectStateStore.Outcome;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import co.plugkit.testing.Concurrently;
import co.plugkit.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link PlugKitStore} must do, run unchanged against each database (one subclass per
 * database). Each test works in a fresh workspace, so tests never see each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123456Z");
    private static final Actor BY_KEY = Actor.apiKey("sk_0123abcd");

    private TestDatabase database;
    private PlugKitStore store;
    private WorkspaceId workspace;
    private ProfileId profile;

    /** The database this subclass runs on. */
    protected abstract TestDatabase openDatabase();

    /** SQL that renders {@code plugkit_workspaces.created_at} of row {@code ?} as UTC text, in this database's words. */
    protected abstract String createdAtAsUtcText();

    @BeforeAll
    void migrate() {
        database = openDatabase();
        JdbiPlugKitStore.migrate(database.dataSource());
        JdbiPlugKitStore.migrate(database.dataSource()); // a second start finds nothing to do
        store = JdbiPlugKitStore.of(database.dataSource());
    }

    @AfterAll
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void freshWorkspace() {
        workspace = store.workspaces()
                .createIfAbsent(new Workspace(WorkspaceId.random(), "W", T0))
                .id();
        profile = newProfile("Jane", T0);
    }

    @Test
    void workspacesAreCreatedOnceAndFound() {
        Workspace w = new Workspace(WorkspaceId.random(), "Acme", T0);
        assertThat(store.workspaces().createIfAbsent(w)).isEqualTo(w);
        assertThat(store.workspaces().createIfAbsent(new Workspace(w.id(), "Other name", T0.plusSeconds(5))))
                .isEqualTo(w);
        assertThat(store.workspaces().find(w.id())).contains(w);
        assertThat(store.workspaces().find(WorkspaceId.random())).isEmpty();
    }

    @Test
    void instantsRoundTripExactlyWhateverTheJvmTimeZone() {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            Workspace w = new Workspace(WorkspaceId.random(), "Zoned", T0);
            store.workspaces().createIfAbsent(w);
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            assertThat(store.workspaces().find(w.id()).orElseThrow().createdAt())
                    .isEqualTo(T0);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void instantsAreStoredAsUtc() throws Exception {
        TimeZone original = TimeZone.getDefault();
        Workspace w = new Workspace(WorkspaceId.random(), "Stored", T0);
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            store.workspaces().createIfAbsent(w);
        } finally {
            TimeZone.setDefault(original);
        }
        try (var c = database.dataSource().getConnection();
                var s = c.prepareStatement(
                        "SELECT " + createdAtAsUtcText() + " FROM plugkit_workspaces WHERE id = ?")) {
            s.setString(1, w.id().value());
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2026-11-28 10:00:00.123456");
            }
        }
    }

    @Test
    void apiKeysAreFoundByHashUntilRevoked() {
        ApiKey key = new ApiKey(ApiKeyId.random(), workspace, "ci", "sk_12345678", T0, Optional.empty());
        assertThat(store.workspaces().insertKey(key, "a".repeat(64), BY_KEY)).isTrue();
        ApiKey sameHash = new ApiKey(ApiKeyId.random(), workspace, "dup", "sk_12345678", T0, Optional.empty());
        assertThat(store.workspaces().insertKey(sameHash, "a".repeat(64), BY_KEY))
                .isFalse();

        assertThat(store.workspaces().findActiveKeyByHash("a".repeat(64))).contains(key);
        store.workspaces().touchKey(key.id(), T0.plusSeconds(90));
        assertThat(store.workspaces().listActiveKeys(workspace))
                .singleElement()
                .satisfies(k -> assertThat(k.lastUsedAt()).contains(T0.plusSeconds(90)));

        assertThat(store.workspaces().revokeKey(WorkspaceId.random(), key.id(), T0, BY_KEY))
                .isFalse();
        assertThat(store.workspaces().revokeKey(workspace, key.id(), T0, BY_KEY))
                .isTrue();
        assertThat(store.workspaces().revokeKey(workspace, key.id(), T0, BY_KEY))
                .isFalse();
        assertThat(store.workspaces().findActiveKeyByHash("a".repeat(64))).isEmpty();
        assertThat(store.workspaces().listActiveKeys(workspace)).isEmpty();
        store.workspaces()
                .insertKey(
                        new ApiKey(ApiKeyId.random(), workspace, "x", "sk_x", T0, Optional.empty()),
                        "b".repeat(64),
                        BY_KEY);
    }

    @Test
    void apiKeysKeepTheirExpiryAndRollInOneStep() {
        ApiKey old = new ApiKey(
                ApiKeyId.random(),
                workspace,
                "ci",
                "sk_11111111",
                T0,
                Optional.empty(),
                Optional.of(T0.plusSeconds(3600)));
        assertThat(store.workspaces().insertKey(old, "c".repeat(64), BY_KEY)).isTrue();
        assertThat(store.workspaces().findActiveKeyByHash("c".repeat(64))).contains(old);

        ApiKey fresh =
                new ApiKey(ApiKeyId.random(), workspace, "ci", "sk_22222222", T0.plusSeconds(10), Optional.empty());
        assertThat(store.workspaces()
                        .rollKey(WorkspaceId.random(), old.id(), T0.plusSeconds(60), fresh, "d".repeat(64), BY_KEY))
                .isFalse();
        assertThat(store.workspaces().findActiveKeyByHash("d".repeat(64))).isEmpty();

        assertThat(store.workspaces().rollKey(workspace, old.id(), T0.plusSeconds(60), fresh, "d".repeat(64), BY_KEY))
                .isTrue();
        assertThat(store.workspaces().findActiveKeyByHash("d".repeat(64))).contains(fresh);
        assertThat(store.workspaces().findActiveKeyByHash("c".repeat(64)))
                .get()
                .satisfies(k -> assertThat(k.expiresAt()).contains(T0.plusSeconds(60)));

        // A revoked key is not rolled, and nothing is written.
        assertThat(store.workspaces().revokeKey(workspace, old.id(), T0, BY_KEY))
                .isTrue();
        ApiKey third = new ApiKey(ApiKeyId.random(), workspace, "ci", "sk_33333333", T0, Optional.empty());
        assertThat(store.workspaces().rollKey(workspace, old.id(), T0.plusSeconds(60), third, "e".repeat(64), BY_KEY))
                .isFalse();
        assertThat(store.workspaces().findActiveKeyByHash("e".repeat(64))).isEmpty();
    }

    @Test
    void profilesBelongToOneWorkspaceAndPageInCreationOrder() {
        List<ProfileId> created = new ArrayList<>(List.of(profile));
        for (int i = 0; i < 6; i++) {
            created.add(newProfile("P" + i, T0.plusSeconds(i)));
        }
        WorkspaceId other = store.workspaces()
                .createIfAbsent(new Workspace(WorkspaceId.random(), "Other", T0))
                .id();
        assertThat(store.profiles().find(other, profile)).isEmpty();
        assertThat(store.profiles().find(workspace, profile))
                .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("Jane"));

        List<ProfileId> seen = new ArrayList<>();
        Optional<Cursor> cursor = Optional.empty();
        do {
            Page<Profile> page = store.profiles().list(workspace, 3, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            page.items().forEach(p -> seen.add(p.id()));
            cursor = page.next();
        } while (cursor.isPresent());
        assertThat(seen).isEqualTo(created);
        assertThat(store.profiles().list(other, 10, Optional.empty()).items()).isEmpty();
    }

    @Test
    void upsertCreatesThenUpdatesTheSameRow() {
        Account first =
                store.accounts().upsert(connection(profile, "17841400000000001", "acme", "v1"), AccountId.random(), T0);
        assertThat(first.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(first.connectedAt()).isEqualTo(T0);
        assertThat(first.tokenExpiresAt()).contains(T0.plus(Duration.ofDays(60)));
        assertThat(first.scopes()).containsExactly("instagram_business_basic", "instagram_business_manage_messages");
        assertThat(first.appScopedId()).contains("27281358591558845");

        Instant later = T0.plus(Duration.ofDays(2));
        Account second = store.accounts()
                .upsert(connection(profile, "17841400000000001", "acme_new", "v2"), AccountId.random(), later);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.username()).isEqualTo("acme_new");
        assertThat(second.connectedAt()).isEqualTo(T0);
        assertThat(second.updatedAt()).isEqualTo(later);
        assertThat(store.accounts().findToken(workspace, first.id())).contains(new SealedToken("k-test", "v2"));
        assertThat(store.accounts()
                        .list(workspace, Optional.empty(), 10, Optional.empty())
                        .items())
                .hasSize(1);
    }

    /** What the start-up key check reads: tokens per key id, over every workspace, wiped tokens not counted. */
    @Test
    void countsTheStoredTokensOfEachKeyId() {
        String otherKey = "k-" + workspace.value().substring(3, 19);
        long before = store.accounts().countTokensByKeyId().getOrDefault("k-test", 0L);
        String user = "1784" + Long.toString(System.nanoTime() % 100_000_000_000L);
        store.accounts().upsert(connection(profile, user + "1", "a", "v1"), AccountId.random(), T0);
        store.accounts().upsert(connection(profile, user + "2", "b", "v1"), AccountId.random(), T0);
        AccountConnection c = connection(profile, user + "3", "c", "v1");
        store.accounts()
                .upsert(
                        new AccountConnection(
                                c.workspaceId(),
                                c.profileId(),
                                Platform.INSTAGRAM,
                                c.externalId(),
                                c.appScopedId(),
                                c.username(),
                                c.displayName(),
                                c.accountType(),
                                c.profilePictureUrl(),
                                c.scopes(),
                                new SealedToken(otherKey, "v1"),
                                c.tokenExpiresAt(),
                                c.metadata()),
                        AccountId.random(),
                        T0);

        assertThat(store.accounts().countTokensByKeyId())
                .containsEntry("k-test", before + 2)
                .containsEntry(otherKey, 1L);
        store.accounts().disconnectUser(Platform.INSTAGRAM, user + "3", T0);
        store.accounts().disconnectUser(Platform.INSTAGRAM, user + "2", T0);
        assertThat(store.accounts().countTokensByKeyId())
                .containsEntry("k-test", before + 1)
                .doesNotContainKey(otherKey);
    }

    @Test
    void theSameInstagramUserInAnotherProfileIsAnotherAccount() {
        ProfileId joe = newProfile("Joe", T0);
        store.accounts().upsert(connection(profile, "17841400000000001", "acme", "v1"), AccountId.random(), T0);
        store.accounts().upsert(connection(joe, "17841400000000001", "acme", "v1"), AccountId.random(), T0);
        store.accounts().upsert(connection(joe, "17841400000000002", "shop", "v1"), AccountId.random(), T0);

        assertThat(store.accounts()
                        .list(workspace, Optional.empty(), 10, Optional.empty())
                        .items())
                .hasSize(3);
        assertThat(store.accounts()
                        .list(workspace, Optional.of(joe), 10, Optional.empty())
                        .items())
                .extracting(Account::username)
                .containsExactly("acme", "shop");
    }

    @Test
    void concurrentUpsertsOfOneConnectionLeaveOneRow() throws Exception {
        List<Callable<Account>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            tasks.add(() -> store.accounts()
                    .upsert(
                            connection(profile, "17841400000000003", "racer" + n, "v" + n),
                            AccountId.random(),
                            T0.plusSeconds(n)));
        }
        List<Account> results = Concurrently.run(8, tasks);

        assertThat(results).extracting(Account::id).containsOnly(results.get(0).id());
        assertThat(store.accounts()
                        .list(workspace, Optional.empty(), 50, Optional.empty())
                        .items())
                .hasSize(1);
    }

    @Test
    void accountsAreInvisibleToOtherWorkspacesAndDeletedWithTheirToken() {
        Account account =
                store.accounts().upsert(connection(profile, "17841400000000004", "acme", "v1"), AccountId.random(), T0);
        WorkspaceId other = store.workspaces()
                .createIfAbsent(new Workspace(WorkspaceId.random(), "Other", T0))
                .id();

        assertThat(store.accounts().find(other, account.id())).isEmpty();
        assertThat(store.accounts().findToken(other, account.id())).isEmpty();
        assertThat(store.accounts()
                        .list(other, Optional.empty(), 10, Optional.empty())
                        .items())
                .isEmpty();
        assertThat(store.accounts().delete(other, account.id())).isFalse();

        assertThat(store.accounts().find(workspace, account.id())).contains(account);
        assertThat(store.accounts().delete(workspace, account.id())).isTrue();
        assertThat(store.accounts().find(workspace, account.id())).isEmpty();
        assertThat(store.accounts().findToken(workspace, account.id())).isEmpty();
        assertThat(store.accounts().delete(workspace, account.id())).isFalse();
    }

    @Test
    void accountsPageWithoutRepeatsOrGaps() {
        List<AccountId> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(store.accounts()
                    .upsert(connection(profile, "1784140000000010" + i, "a" + i, "v"), AccountId.random(), T0)
                    .id());
        }
        List<AccountId> seen = new ArrayList<>();
        Optional<Cursor> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<Account> page = store.accounts().list(workspace, Optional.of(profile), 2, cursor);
            page.items().forEach(a -> seen.add(a.id()));
            cursor = page.next();
            pages++;
        } while (cursor.isPresent());
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(4);
    }

    /** A session key of this test's own: the PostgreSQL and MariaDB databases outlive a run. */
    private String sessionKey(char c) {
        return Hashing.sha256Hex(workspace.value() + c).substring(0, 32);
    }

    private ConnectState session(char c, Optional<URI> redirect) {
        return new ConnectState(
                sessionKey(c), workspace, profile, Platform.INSTAGRAM, redirect, T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aSessionIsClaimedOnceAndKeepsItsOutcome() {
        ConnectState state = session('1', Optional.of(URI.create("https://app.example.com/done")));
        assertThat(store.connectStates().find(state.sessionKey())).isEmpty();

        assertThat(store.connectStates().claim(state, T0.plusSeconds(30))).isEqualTo(new Claim.Won());
        assertThat(store.connectStates().claim(state, T0.plusSeconds(31))).isEqualTo(new Claim.AlreadyClaimed());
        assertThat(store.connectStates().find(state.sessionKey()))
                .contains(new Claimed(state, new Outcome.InProgress()));

        AccountId account = AccountId.random();
        store.connectStates().finish(state.sessionKey(), new Outcome.Connected(account), T0.plusSeconds(40));
        assertThat(store.connectStates().find(state.sessionKey()))
                .contains(new Claimed(state, new Outcome.Connected(account)));
        // a claim after the outcome is still refused, and changes nothing
        assertThat(store.connectStates().claim(state, T0.plusSeconds(50))).isEqualTo(new Claim.AlreadyClaimed());
        assertThat(store.connectStates().find(state.sessionKey()))
                .contains(new Claimed(state, new Outcome.Connected(account)));

        ConnectState failing = session('2', Optional.empty());
        assertThat(store.connectStates().claim(failing, T0)).isEqualTo(new Claim.Won());
        store.connectStates().finish(failing.sessionKey(), new Outcome.Failed("access_denied"), T0);
        assertThat(store.connectStates().find(failing.sessionKey()))
                .contains(new Claimed(failing, new Outcome.Failed("access_denied")));

        // finishing a session nobody claimed writes nothing
        store.connectStates().finish(sessionKey('3'), new Outcome.Failed("access_denied"), T0);
        assertThat(store.connectStates().find(sessionKey('3'))).isEmpty();
    }

    @Test
    void expiredSessionsAreDeletedByTheSweepAndOnlyThose() {
        ConnectState old = new ConnectState(
                sessionKey('4'),
                workspace,
                profile,
                Platform.INSTAGRAM,
                Optional.empty(),
                T0.minus(Duration.ofDays(2)));
        ConnectState current = session('5', Optional.empty());
        store.connectStates().claim(old, T0.minus(Duration.ofDays(2)));
        store.connectStates().claim(current, T0);

        assertThat(store.connectStates().deleteExpiredBefore(T0.minus(Duration.ofDays(1))))
                .isGreaterThanOrEqualTo(1);
        assertThat(store.connectStates().find(old.sessionKey())).isEmpty();
        assertThat(store.connectStates().find(current.sessionKey())).isPresent();
    }

    @Test
    void concurrentClaimsOfOneSessionHaveExactlyOneWinner() throws Exception {
        ConnectState state = session('6', Optional.empty());
        List<Callable<Claim>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(() -> store.connectStates().claim(state, T0.plusSeconds(1)));
        }
        List<Claim> results = Concurrently.run(8, tasks);

        assertThat(results).filteredOn(r -> r instanceof Claim.Won).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof Claim.AlreadyClaimed).hasSize(19);
    }

    @Test
    void theStoreAnswersWhetherTheDatabaseIsReachable() {
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void aCheckIsLeasedOnceAndRecordedOnlyForTheTokenThatWasClaimed() {
        Account account =
                store.accounts().upsert(connection(profile, "17841400000000077", "acme", "v1"), AccountId.random(), T0);
        Instant later = T0.plus(Duration.ofDays(2));
        Duration day = Duration.ofHours(24);

        assertThat(checkClaims(T0.plus(Duration.ofHours(23)), day, "owner-early"))
                .as("known good at connect, not due within a day")
                .isEmpty();
        List<RefreshClaim> claimed = checkClaims(later, day, "owner-a");
        assertThat(claimed)
                .singleElement()
                .satisfies(c -> assertThat(c.accountId()).isEqualTo(account.id()));
        assertThat(checkClaims(later, day, "owner-b")).as("leased").isEmpty();

        // The user connects again before the check's answer is written: the newer state stands.
        store.accounts().upsert(connection(profile, "17841400000000077", "acme", "v2"), AccountId.random(), later);
        AccountProfile renamed = new AccountProfile("acme_coffee", Optional.empty(), Optional.empty());
        assertThat(store.refresh().recordChecked(claimed.get(0), renamed, later))
                .isFalse();
        assertThat(store.accounts().find(workspace, account.id()).orElseThrow().username())
                .isEqualTo("acme");

        Instant next = later.plus(Duration.ofHours(25));
        RefreshClaim current = checkClaims(next, day, "owner-c").get(0);
        assertThat(store.refresh().recordChecked(current, renamed, next)).isTrue();
        Account checked = store.accounts().find(workspace, account.id()).orElseThrow();
        assertThat(checked.username()).isEqualTo("acme_coffee");
        assertThat(checked.displayName()).isEmpty();
        assertThat(checked.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(checked.updatedAt()).as("changed on Instagram").isEqualTo(next);
        assertThat(checkClaims(next, day, "owner-d")).as("just checked").isEmpty();

        Instant dayAfter = next.plus(day);
        RefreshClaim again = checkClaims(dayAfter, day, "owner-e").get(0);
        assertThat(store.refresh().recordChecked(again, renamed, dayAfter)).isTrue();
        assertThat(store.accounts().find(workspace, account.id()).orElseThrow().updatedAt())
                .as("nothing changed on Instagram")
                .isEqualTo(next);
        assertThat(checkClaims(dayAfter, day, "owner-f")).as("checked again").isEmpty();
    }

    /** This workspace's accounts due for a check at {@code now}; claims of other tests' accounts are given back. */
    private List<RefreshClaim> checkClaims(Instant now, Duration interval, String owner) {
        List<RefreshClaim> mine = new ArrayList<>();
        for (RefreshClaim claim :
                store.refresh().claimForCheck(now, now.minus(interval), owner, now.plusSeconds(300), 10_000)) {
            if (claim.workspaceId().equals(workspace)) {
                mine.add(claim);
            } else {
                store.refresh().release(claim);
            }
        }
        return mine;
    }

    private ProfileId newProfile(String name, Instant at) {
        Profile p = new Profile(ProfileId.random(), workspace, name, at);
        store.profiles().insert(p);
        return p.id();
    }

    private AccountConnection connection(ProfileId profileId, String userId, String username, String ciphertext) {
        return new AccountConnection(
                workspace,
                profileId,
                Platform.INSTAGRAM,
                userId,
                Optional.of("27281358591558845"),
                username,
                Optional.of("Name"),
                "BUSINESS",
                Optional.of("https://scontent.example/p.jpg"),
                List.of("instagram_business_basic", "instagram_business_manage_messages"),
                new SealedToken("k-test", ciphertext),
                Optional.of(T0.plus(Duration.ofDays(60))),
                Optional.empty());
    }

    /** A state hash unique to this test's workspace. */
}
