package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sealed tokens in the database that are not what their row should hold (issue 12, findings 7 and 8): a
 * ciphertext copied from another account's row, or one damaged or tampered with. Whatever the path — an
 * API refresh, the refresher's check, a disconnect — such a token is never sent to Instagram, and the
 * account ends in a true state. On real HTTP with the stand-in, on H2 and on PostgreSQL.
 */
class TokenAtRestHttpTest {
    private static final IgAccount ALICE = IgAccount.business("17841400000000001", "alice");
    private static final IgAccount BOB = IgAccount.business("17841400000000002", "bob");

    private TestDatabase database;
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;

    private void start(String databaseName) {
        database = databaseName.equals("postgres") ? TestDatabase.postgres() : TestDatabase.h2();
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock, database.dataSource(), "", b -> b);
        client = server.newWorkspaceClient("Acme");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (instagram != null) {
            instagram.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** A connected account: its id, and the long-lived token the stand-in issued for it. */
    private record Connected(String id, String token) {}

    private Connected connect(IgAccount account, String profileId) {
        Set<String> before = new HashSet<>(instagram.issuedLongLivedTokens());
        instagram.approveAs(account);
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);
        Set<String> issued = new HashSet<>(instagram.issuedLongLivedTokens());
        issued.removeAll(before);
        assertThat(issued).hasSize(1);
        String id = client.get("/v1/accounts?profileId=" + profileId).json().get("data").findValues("id").stream()
                .map(JsonNode::asText)
                .reduce((a, b) -> b)
                .orElseThrow();
        return new Connected(id, issued.iterator().next());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void aTokenCopiedIntoAnotherAccountsRowIsNeverSentUpstreamForThatAccount(String databaseName) {
        start(databaseName);
        String profile = client.createProfile("Jane");
        Connected alice = connect(ALICE, profile);
        Connected bob = connect(BOB, profile);
        copyToken(alice.id(), bob.id());
        clock.advance(Duration.ofDays(2)); // old enough for Instagram to refresh
        int seen = instagram.receivedTokens().size();

        Response refresh = client.post("/v1/accounts/" + bob.id() + "/refresh", "");

        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.json().get("status").asText()).isEqualTo("needs_reconnect");
        assertThat(refresh.json().get("statusReason").asText()).isEqualTo("token_unreadable");
        assertThat(receivedSince(seen)).as("tokens Instagram received").isEmpty();
        assertThat(instagram.calls(Endpoint.REFRESH)).isZero();
        assertThat(storedTokens(bob.id())).as("the copied token is wiped").isZero();
        assertThat(instagram.isValid(alice.token())).isTrue();

        // Alice's own row is untouched and her token refreshes as ever.
        Response aliceRefresh = client.post("/v1/accounts/" + alice.id() + "/refresh", "");
        assertThat(aliceRefresh.status()).isEqualTo(200);
        assertThat(aliceRefresh.json().get("status").asText()).isEqualTo("active");
        assertThat(receivedSince(seen)).containsExactly(alice.token());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void theRefreshersCheckNeverSendsACopiedTokenEither(String databaseName) {
        start(databaseName);
        String profile = client.createProfile("Jane");
        Connected alice = connect(ALICE, profile);
        Connected bob = connect(BOB, client.createProfile("Joe"));
        copyToken(alice.id(), bob.id());
        clock.advance(Duration.ofDays(1)); // due for the daily check, far from the refresh window
        int seen = instagram.receivedTokens().size();

        RefreshReport report = server.plugKit().refreshTokensNow();

        assertThat(report.checked()).isEqualTo(1);
        assertThat(report.needsReconnect()).isEqualTo(1);
        assertThat(receivedSince(seen)).containsExactly(alice.token());
        JsonNode account = client.get("/v1/accounts/" + bob.id()).json();
        assertThat(account.get("status").asText()).isEqualTo("needs_reconnect");
        assertThat(account.get("statusReason").asText()).isEqualTo("token_unreadable");
        assertThat(client.get("/v1/accounts/" + alice.id()).json().get("status").asText())
                .isEqualTo("active");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void disconnectingAnAccountHoldingACopiedTokenDoesNotRevokeTheOtherAccount(String databaseName) {
        start(databaseName);
        String profile = client.createProfile("Jane");
        Connected alice = connect(ALICE, profile);
        Connected bob = connect(BOB, profile);
        copyToken(alice.id(), bob.id());
        int seen = instagram.receivedTokens().size();

        assertThat(client.delete("/v1/accounts/" + bob.id()).status()).isEqualTo(204);

        assertThat(client.get("/v1/accounts/" + bob.id()).status()).isEqualTo(404);
        assertThat(instagram.calls(Endpoint.REVOKE)).isZero();
        assertThat(receivedSince(seen)).isEmpty();
        assertThat(instagram.isValid(alice.token())).isTrue();
        assertThat(client.get("/v1/accounts/" + alice.id()).json().get("status").asText())
                .isEqualTo("active");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void aTamperedTokenMakesTheAccountNeedReconnectingInsteadOfBlamingInstagram(String databaseName) {
        start(databaseName);
        Connected alice = connect(ALICE, client.createProfile("Jane"));
        tamper(alice.id());
        clock.advance(Duration.ofDays(2));
        int seen = instagram.receivedTokens().size();

        Response refresh = client.post("/v1/accounts/" + alice.id() + "/refresh", "");

        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.json().get("status").asText()).isEqualTo("needs_reconnect");
        assertThat(refresh.json().get("statusReason").asText()).isEqualTo("token_unreadable");
        assertThat(receivedSince(seen)).isEmpty();
        assertThat(refresh.body()).doesNotContain(alice.token());

        // Connecting again brings it back, with a token that opens.
        assertThat(connect(ALICE, refresh.json().get("profileId").asText()).id())
                .isEqualTo(alice.id());
        clock.advance(Duration.ofDays(2));
        assertThat(client.post("/v1/accounts/" + alice.id() + "/refresh", "")
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("active");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void aTamperedTokenFoundByTheCheckIsReportedAsSuch(String databaseName) {
        start(databaseName);
        Connected alice = connect(ALICE, client.createProfile("Jane"));
        tamper(alice.id());
        clock.advance(Duration.ofDays(1));
        int seen = instagram.receivedTokens().size();

        RefreshReport report = server.plugKit().refreshTokensNow();

        assertThat(report.needsReconnect()).isEqualTo(1);
        assertThat(report.deferred()).isZero();
        assertThat(receivedSince(seen)).isEmpty();
        assertThat(client.get("/v1/accounts/" + alice.id())
                        .json()
                        .get("statusReason")
                        .asText())
                .isEqualTo("token_unreadable");
        clock.advance(Duration.ofDays(1));
        assertThat(server.plugKit().refreshTokensNow().attempted())
                .as("no retries")
                .isZero();
    }

    private List<String> receivedSince(int seen) {
        List<String> all = instagram.receivedTokens();
        return all.subList(seen, all.size());
    }

    /** What an attacker with write access to the table would do: A's sealed token into B's row. */
    private void copyToken(String fromId, String toId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement read =
                        c.prepareStatement("SELECT token_key_id, token_ciphertext FROM plugkit_accounts WHERE id = ?");
                PreparedStatement write = c.prepareStatement(
                        "UPDATE plugkit_accounts SET token_key_id = ?, token_ciphertext = ? WHERE id = ?")) {
            read.setString(1, fromId);
            try (ResultSet rs = read.executeQuery()) {
                assertThat(rs.next()).isTrue();
                write.setString(1, rs.getString(1));
                write.setString(2, rs.getString(2));
            }
            write.setString(3, toId);
            assertThat(write.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flips one character of the encrypted content (the fourth part of the compact JWE). */
    private void tamper(String accountId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement read =
                        c.prepareStatement("SELECT token_ciphertext FROM plugkit_accounts WHERE id = ?");
                PreparedStatement write =
                        c.prepareStatement("UPDATE plugkit_accounts SET token_ciphertext = ? WHERE id = ?")) {
            read.setString(1, accountId);
            String[] parts;
            try (ResultSet rs = read.executeQuery()) {
                assertThat(rs.next()).isTrue();
                parts = rs.getString(1).split("\\.");
            }
            parts[3] = (parts[3].charAt(0) == 'A' ? 'B' : 'A') + parts[3].substring(1);
            write.setString(1, String.join(".", parts));
            write.setString(2, accountId);
            assertThat(write.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int storedTokens(String accountId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement count = c.prepareStatement(
                        "SELECT count(*) FROM plugkit_accounts WHERE id = ? AND token_ciphertext IS NOT NULL")) {
            count.setString(1, accountId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
