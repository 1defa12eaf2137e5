package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DELETE /v1/accounts/{id}: the account and its token are gone, and the grant is revoked upstream. Revoke
 * failures and tokens that do not open are tested without a container in {@link co.plugkit.internal.engine.AccountsTest}.
 */
class DisconnectHttpTest {
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        MutableClock clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock);
        client = server.newWorkspaceClient("Acme");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    @Test
    void disconnectDeletesTheAccountAndRevokesTheTokenAtInstagram() {
        client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty());
        String accountId =
                client.get("/v1/accounts").json().get("data").get(0).get("id").asText();
        String token = instagram.issuedLongLivedTokens().iterator().next();
        assertThat(instagram.isValid(token)).isTrue();

        assertThat(client.delete("/v1/accounts/" + accountId).status()).isEqualTo(204);

        assertThat(instagram.calls(Endpoint.REVOKE)).isEqualTo(1);
        assertThat(instagram.isValid(token)).isFalse();
        assertThat(client.get("/v1/accounts/" + accountId).status()).isEqualTo(404);
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
        assertThat(client.delete("/v1/accounts/" + accountId).status()).isEqualTo(404);
        try (var c = server.dataSource().getConnection();
                var rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM plugkit_accounts WHERE token_ciphertext IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).as("sealed tokens left in the database").isZero();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
