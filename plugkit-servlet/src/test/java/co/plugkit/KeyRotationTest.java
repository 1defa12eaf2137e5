package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.model.SealedToken;
import co.plugkit.secret.Secret;
import co.plugkit.store.PlugKitStore;
import co.plugkit.store.RefreshClaim;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.Concurrently;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestDatabase;
import co.plugkit.testing.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Encryption key rotation (issue 12) over real HTTP, with two servers on one database (H2 and PostgreSQL):
 * tokens sealed with key A stay usable once B is the primary key and A an old key, the re-seal job moves
 * them all to B under leases and compare-and-set, and once it is done A can go without losing a token.
 */
class KeyRotationTest {
    private static final String KEY_A = TestKeys.ENCRYPTION_KEY;
    private static final String KEY_B =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII));
    private static final String KEY_C =
            Base64.getEncoder().encodeToString("ccccccccccccccccccccccccccccccc1".getBytes(StandardCharsets.US_ASCII));
    private static final String ID_A = new TokenCipher(Base64.getDecoder().decode(KEY_A)).keyId();
    private static final String ID_B = new TokenCipher(Base64.getDecoder().decode(KEY_B)).keyId();
    private static final int ACCOUNTS = 12;

    private final MutableClock clock = MutableClock.startingNow();
    private final FakeInstagram instagram = new FakeInstagram(clock);
    private final List<AutoCloseable> open = new ArrayList<>();
    private TestDatabase database;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        instagram.close();
        if (database != null) {
            database.close();
        }
    }

    private void openDatabase(String name) {
        database = name.equals("postgres") ? TestDatabase.postgres() : TestDatabase.h2();
    }

    /** A server with its own pool on the shared database; the first server's public URL is the balancer's. */
    private PlugKitServer server(UnaryOperator<PlugKitConfigBuilder> keys) {
        HikariDataSource pool = database.newPool(4);
        open.add(pool);
        PlugKitServer server = PlugKitServer.start(instagram, clock, pool, "", keys);
        open.add(server);
        return server;
    }

    private PlugKitServer[] twoServers(UnaryOperator<PlugKitConfigBuilder> keys) {
        return new PlugKitServer[] {server(keys), server(keys)};
    }

    private static void closeAll(PlugKitServer... servers) throws Exception {
        for (PlugKitServer server : servers) {
            server.close();
        }
    }

    private static JsonNode encryption(PlugKitServer server) {
        Response r = new ApiClient(server.baseUrl(), TestKeys.ADMIN_TOKEN).get("/admin/v1/encryption");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static List<String> accountIds(ApiClient client) {
        List<String> ids = new ArrayList<>();
        client.get("/v1/accounts?limit=100")
                .json()
                .get("data")
                .forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    /** Server set 1 (key A) connects {@code n} accounts, half through each server; returns the key of the workspace. */
    private String connectWithKeyA(int n) throws Exception {
        PlugKitServer[] set1 = twoServers(b -> b.encryptionKey(KEY_A));
        ApiClient client = set1[0].newWorkspaceClient("Acme");
        String profile = client.createProfile("Jane");
        for (int i = 1; i <= n; i++) {
            instagram.approveAs(IgAccount.business("178414000000" + String.format("%05d", i), "acct" + i));
            ApiClient on = client.on(set1[i % 2].baseUrl());
            assertThat(on.connectThroughBrowser(profile, Optional.empty()).status())
                    .isEqualTo(200);
        }
        assertThat(encryption(set1[1]).get("primaryKeyId").asText()).isEqualTo(ID_A);
        assertThat(encryption(set1[1]).get("rowsOnOldKeys").asLong()).isZero();
        closeAll(set1);
        return client.apiKey();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void rotationAcrossRestartsWithTwoServersLosesNothing(String db) throws Exception {
        openDatabase(db);
        String apiKey = connectWithKeyA(ACCOUNTS);

        // B alone cannot open A's tokens: refused, with the existing message, which now names OLD_KEYS.
        assertThatThrownBy(() -> server(b -> b.encryptionKey(KEY_B)))
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining(ACCOUNTS + " account tokens")
                .hasMessageContaining("key id " + ID_A)
                .hasMessageContaining("has key id " + ID_B)
                .hasMessageContaining("PLUGKIT_ENCRYPTION_OLD_KEYS")
                .hasMessageNotContaining(KEY_A)
                .hasMessageNotContaining(KEY_B);

        // Set 2: primary B, old A. Every token is still on A, and each one still works.
        PlugKitServer[] set2 = twoServers(b -> b.encryptionKey(KEY_B).encryptionOldKeys(List.of(KEY_A)));
        ApiClient one = new ApiClient(set2[0].baseUrl(), apiKey);
        ApiClient two = one.on(set2[1].baseUrl());
        JsonNode status = encryption(set2[0]);
        assertThat(status.get("primaryKeyId").asText()).isEqualTo(ID_B);
        assertThat(status.get("rowsOnOldKeys").asLong()).isEqualTo(ACCOUNTS);
        assertThat(status.toString()).doesNotContain(KEY_A).doesNotContain(KEY_B);
        List<String> ids = accountIds(one);
        assertThat(ids).hasSize(ACCOUNTS);

        clock.advance(Duration.ofDays(2));
        Response refreshed = one.post("/v1/accounts/" + ids.get(0) + "/refresh", "{}");
        assertThat(refreshed.status()).isEqualTo(200); // opened with A, the new token sealed with B
        int revokes = instagram.calls(Endpoint.REVOKE);
        assertThat(two.delete("/v1/accounts/" + ids.get(1)).status()).isEqualTo(204);
        assertThat(instagram.calls(Endpoint.REVOKE)).isEqualTo(revokes + 1); // opened with A to revoke it
        RefreshReport checks = set2[1].plugKit().refreshTokensNow();
        assertThat(checks.checked()).isEqualTo(ACCOUNTS - 2); // every token on A checked at Instagram
        assertThat(checks.needsReconnect()).isZero();
        int onOldKeys = ACCOUNTS - 2;
        assertThat(encryption(set2[1]).get("rowsOnOldKeys").asLong()).isEqualTo(onOldKeys);

        // A server that stopped mid-batch left its leases behind on three rows.
        PlugKitStore store = JdbiPlugKitStore.of(set2[0].dataSource());
        assertThat(store.refresh()
                        .claimForReseal(
                                ID_B,
                                clock.instant(),
                                "stopped-server",
                                clock.instant().plusSeconds(300),
                                3))
                .hasSize(3);

        // Both servers re-seal at once: each row is re-sealed by one of them only.
        List<Callable<Integer>> runs = List.of(
                () -> set2[0].plugKit().resealTokensNow(),
                () -> set2[1].plugKit().resealTokensNow());
        List<Integer> resealed = Concurrently.run(2, runs);
        assertThat(resealed.get(0) + resealed.get(1)).isEqualTo(onOldKeys - 3);
        assertThat(encryption(set2[0]).get("rowsOnOldKeys").asLong()).isEqualTo(3);

        // Server two goes; once the stopped server's leases run out, server one finishes the job.
        set2[1].close();
        assertThat(set2[0].plugKit().resealTokensNow()).isZero(); // still leased
        clock.advance(Duration.ofMinutes(6));
        assertThat(set2[0].plugKit().resealTokensNow()).isEqualTo(3);
        assertThat(encryption(set2[0]).get("rowsOnOldKeys").asLong()).isZero();
        assertThat(set2[0].plugKit().resealTokensNow()).isZero();
        set2[0].close();
        System.out.printf(
                "KeyRotationTest[%s]: re-sealed %d of %d tokens on key A (%d accounts: 1 refreshed onto B, 1"
                        + " disconnected)%n",
                db, onOldKeys, onOldKeys, ACCOUNTS);

        // Set 3: B only. It starts, and every account still refreshes.
        PlugKitServer[] set3 = twoServers(b -> b.encryptionKey(KEY_B));
        ApiClient three = new ApiClient(set3[0].baseUrl(), apiKey);
        clock.advance(Duration.ofDays(2));
        List<String> left = accountIds(three);
        assertThat(left).hasSize(ACCOUNTS - 1);
        for (int i = 0; i < left.size(); i++) {
            ApiClient on = three.on(set3[i % 2].baseUrl());
            Response r = on.post("/v1/accounts/" + left.get(i) + "/refresh", "{}");
            assertThat(r.status()).as(left.get(i)).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("active");
        }
        assertThat(encryption(set3[1]).get("primaryKeyId").asText()).isEqualTo(ID_B);
        assertThat(encryption(set3[1]).get("rowsOnOldKeys").asLong()).isZero();
        closeAll(set3);

        // A key that sealed nothing still stored is not needed; one that sealed everything is.
        assertThatThrownBy(() -> server(b -> b.encryptionKey(KEY_C).encryptionOldKeys(List.of(KEY_A))))
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("key id " + ID_B);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void aResealNeverOverwritesARefreshAndNeverTakesALeasedRow(String db) throws Exception {
        openDatabase(db);
        String apiKey = connectWithKeyA(3);
        PlugKitServer server = server(b -> b.encryptionKey(KEY_B).encryptionOldKeys(List.of(KEY_A)));
        List<String> ids = accountIds(new ApiClient(server.baseUrl(), apiKey));
        PlugKitStore store = JdbiPlugKitStore.of(server.dataSource());
        WorkspaceId workspace = workspaceOf(server, ids.get(0));
        AccountId first = new AccountId(ids.get(0));
        AccountId second = new AccountId(ids.get(1));

        // The refresher holds the first account: the re-seal leaves it alone.
        RefreshClaim refreshing = store.refresh()
                .claim(
                        workspace,
                        first,
                        clock.instant(),
                        "refresher-x",
                        clock.instant().plusSeconds(300))
                .orElseThrow();
        assertThat(server.plugKit().resealTokensNow()).isEqualTo(2);
        assertThat(store.accounts().findToken(workspace, first).orElseThrow().keyId())
                .isEqualTo(ID_A);

        // The refresher's lease runs out while Instagram is slow; a re-seal claims the row...
        clock.advance(Duration.ofMinutes(6));
        List<RefreshClaim> resealing = store.refresh()
                .claimForReseal(
                        ID_B, clock.instant(), "resealer-y", clock.instant().plusSeconds(300), 10);
        assertThat(resealing).extracting(RefreshClaim::accountId).containsExactly(first);
        // ...no second re-sealer gets it meanwhile...
        assertThat(store.refresh()
                        .claimForReseal(
                                ID_B,
                                clock.instant(),
                                "resealer-z",
                                clock.instant().plusSeconds(300),
                                10))
                .isEmpty();
        // ...then the refresh stores its new token (compare-and-set on the version it claimed)...
        TokenCipher cipher = new TokenCipher(
                Base64.getDecoder().decode(KEY_B), List.of(Base64.getDecoder().decode(KEY_A)));
        TokenBinding binding = new TokenBinding(
                refreshing.workspaceId(), refreshing.profileId(), refreshing.platform(), refreshing.externalId());
        SealedToken newer = cipher.seal(Secret.of("IGQ-refreshed-meanwhile"), binding);
        assertThat(store.refresh().storeRefreshed(refreshing, newer, clock.instant(), Optional.empty()))
                .isTrue();
        // ...and the re-seal of the older token is refused: the refreshed token stays.
        SealedToken resealedOld = cipher.reseal(resealing.get(0).token(), binding);
        assertThat(store.refresh().storeResealed(resealing.get(0), resealedOld, "resealer-y"))
                .isFalse();
        SealedToken stored = store.accounts().findToken(workspace, first).orElseThrow();
        assertThat(cipher.open(stored, binding).reveal()).isEqualTo("IGQ-refreshed-meanwhile");

        // A re-sealed token keeps its row binding: it opens for its own row only.
        SealedToken moved = store.accounts().findToken(workspace, second).orElseThrow();
        assertThat(moved.keyId()).isEqualTo(ID_B);
        assertThatThrownBy(() -> cipher.open(moved, binding))
                .hasMessageContaining("another account")
                .hasMessageNotContaining(moved.ciphertext());
        assertThat(encryption(server).get("rowsOnOldKeys").asLong()).isZero();
    }

    private static WorkspaceId workspaceOf(PlugKitServer server, String accountId) {
        return new WorkspaceId(Jdbi.create(server.dataSource())
                .withHandle(h -> h.createQuery("SELECT workspace_id FROM plugkit_accounts WHERE id = :id")
                        .bind("id", accountId)
                        .mapTo(String.class)
                        .one()));
    }
}
