package co.plugkit.internal.engine;

import static co.plugkit.internal.engine.EngineFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.AccountId;
import co.plugkit.model.Account;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.InProcessInstagram;
import co.plugkit.testing.InProcessInstagram.Call;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Accounts#disconnect}: the row and its token go first, then the grant is revoked with that token. */
class AccountsTest {
    private static final IgAccount SHOP = IgAccount.business("17841400000000002", "acme_shop");

    private EngineFixture f;

    @BeforeEach
    void start() {
        f = EngineFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void disconnectDeletesTheAccountAndRevokesItsOwnTokenUpstream() {
        Account acme = f.connected(ACME);
        Account shop = f.connected(SHOP);
        String acmeToken = f.storedToken(acme).orElseThrow();
        String shopToken = f.storedToken(shop).orElseThrow();

        assertThat(f.accounts().disconnect(f.workspace, acme.id())).isTrue();

        assertThat(f.instagram.received(Call.REVOKE)).containsExactly(acmeToken);
        assertThat(f.instagram.isValid(acmeToken)).isFalse();
        assertThat(f.accounts().find(f.workspace, acme.id())).isEmpty();
        assertThat(f.store.accounts().findToken(f.workspace, acme.id())).isEmpty();
        assertThat(f.instagram.isValid(shopToken))
                .as("the other account is untouched")
                .isTrue();
        assertThat(f.accounts().find(f.workspace, shop.id())).isPresent();

        assertThat(f.accounts().disconnect(f.workspace, acme.id())).as("gone").isFalse();
        assertThat(f.accounts().disconnect(f.newWorkspace("Other"), shop.id()))
                .as("another workspace's account")
                .isFalse();
        assertThat(f.accounts().disconnect(f.workspace, AccountId.random())).isFalse();
        assertThat(f.instagram.calls(Call.REVOKE)).isEqualTo(1);
        assertThat(f.accounts().find(f.workspace, shop.id())).isPresent();
    }

    @Test
    void anInstagramFailureDoesNotStopTheDisconnect() {
        Account acme = f.connected(ACME);
        Account shop = f.connected(SHOP);
        f.instagram.failNext(Call.REVOKE, InProcessInstagram.unavailable());
        f.instagram.failNext(Call.REVOKE, InProcessInstagram.rejected(190, null));

        assertThat(f.accounts().disconnect(f.workspace, acme.id())).isTrue();
        assertThat(f.accounts().disconnect(f.workspace, shop.id())).isTrue();

        assertThat(f.instagram.calls(Call.REVOKE)).isEqualTo(2);
        assertThat(f.accounts()
                        .list(f.workspace, Optional.empty(), 10, Optional.empty())
                        .items())
                .isEmpty();
    }

    @Test
    void aTokenThatDoesNotOpenInItsRowIsNotSentAnywhere() {
        Account acme = f.connected(ACME);
        Account shop = f.connected(SHOP);
        String shopToken = f.storedToken(shop).orElseThrow();
        // Another account's ciphertext copied into acme's row: it would revoke the shop's grant.
        f.sql("UPDATE plugkit_accounts SET token_ciphertext = (SELECT token_ciphertext FROM plugkit_accounts"
                + " WHERE id = '" + shop.id().value() + "') WHERE id = '"
                + acme.id().value() + "'");

        assertThat(f.accounts().disconnect(f.workspace, acme.id())).isTrue();

        assertThat(f.instagram.calls(Call.REVOKE)).isZero();
        assertThat(f.accounts().find(f.workspace, acme.id())).isEmpty();
        assertThat(f.instagram.isValid(shopToken)).isTrue();
    }

    @Test
    void aNeedsReconnectAccountWithoutATokenIsDeletedWithoutARevoke() {
        Account acme = f.connected(ACME);
        f.instagram.revokeTokensOf(ACME.userId());
        f.clock.advance(java.time.Duration.ofDays(1));
        assertThat(f.refresher().runOnce().needsReconnect()).isEqualTo(1);

        assertThat(f.accounts().disconnect(f.workspace, acme.id())).isTrue();

        assertThat(f.instagram.calls(Call.REVOKE)).isZero();
        assertThat(f.accounts().find(f.workspace, acme.id())).isEmpty();
    }
}
