package co.plugkit.internal.engine;

import static co.plugkit.internal.engine.EngineFixture.signed;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.model.Account;
import co.plugkit.model.AccountStatus;
import co.plugkit.secret.Secret;
import co.plugkit.store.DataDeletionStore.DataDeletion;
import co.plugkit.testing.FakeInstagram.IgAccount;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MetaCallbacks}: deauthorization and data deletion of one Instagram user, in every workspace. */
class MetaCallbacksTest {
    private static final IgAccount SHARED = IgAccount.business("17841400000000001", "shared_user");
    private static final IgAccount BYSTANDER = IgAccount.business("17841400000000002", "bystander");

    private EngineFixture f;
    private WorkspaceId globex;
    private Account sharedInAcme;
    private Account sharedInGlobex;
    private Account bystander;

    @BeforeEach
    void start() {
        f = EngineFixture.start();
        globex = f.newWorkspace("Globex");
        ProfileId jim = f.newProfile(globex, "Jim");
        sharedInAcme = f.connected(SHARED);
        sharedInGlobex = f.connected(globex, jim, SHARED);
        bystander = f.connected(f.workspace, f.newProfile(f.workspace, "Ann"), BYSTANDER);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private MetaCallbacks callbacks() {
        return f.engine.metaCallbacks();
    }

    @Test
    void deauthorizeDisconnectsThatUserEverywhereAndWipesTheTokens() {
        assertThat(callbacks().deauthorize(signed("\"" + SHARED.userId() + "\"")))
                .isEqualTo(new MetaCallbacks.Outcome.Deauthorized(2));

        for (Account account : List.of(sharedInAcme, sharedInGlobex)) {
            Account after = f.reload(account);
            assertThat(after.status()).isEqualTo(AccountStatus.DISCONNECTED);
            assertThat(after.statusReason()).contains("deauthorized");
            assertThat(after.tokenExpiresAt()).isEmpty();
            assertThat(f.storedToken(after)).isEmpty();
        }
        assertThat(f.reload(bystander).status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(f.instagram.received()).as("Instagram is not called back").hasSize(3 * 3);
    }

    @Test
    void theAppScopedIdMatchesToo() {
        assertThat(callbacks().deauthorize(signed(SHARED.appScopedId())))
                .isEqualTo(new MetaCallbacks.Outcome.Deauthorized(2));
        assertThat(f.reload(sharedInAcme).status()).isEqualTo(AccountStatus.DISCONNECTED);
        assertThat(f.reload(bystander).status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void reconnectingAfterDeauthorizationMakesTheAccountActiveAgainInThatWorkspaceOnly() {
        callbacks().deauthorize(signed("\"" + SHARED.userId() + "\""));

        Account again = f.connected(SHARED);

        assertThat(again.id()).isEqualTo(sharedInAcme.id());
        assertThat(again.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(again.statusReason()).isEmpty();
        assertThat(f.storedToken(again)).contains(f.instagram.lastIssuedToken());
        assertThat(f.reload(sharedInGlobex).status()).isEqualTo(AccountStatus.DISCONNECTED);
    }

    @Test
    void dataDeletionDeletesThatUserEverywhereAndGivesAStatusToLookUp() {
        MetaCallbacks.Outcome outcome = callbacks().deleteData(signed(SHARED.userId()));

        assertThat(outcome).isInstanceOf(MetaCallbacks.Outcome.Deleted.class);
        MetaCallbacks.Outcome.Deleted deleted = (MetaCallbacks.Outcome.Deleted) outcome;
        assertThat(deleted.accounts()).isEqualTo(2);
        assertThat(deleted.confirmationCode()).as("128 bits, alphanumeric").matches("[0-9a-f]{32}");
        assertThat(deleted.statusUrl())
                .isEqualTo(URI.create(EngineFixture.PUBLIC_URL + "/v1/connect/instagram/data-deletion/"
                        + deleted.confirmationCode()));
        assertThat(f.accounts().find(f.workspace, sharedInAcme.id())).isEmpty();
        assertThat(f.accounts().find(globex, sharedInGlobex.id())).isEmpty();
        assertThat(f.reload(bystander).status()).isEqualTo(AccountStatus.ACTIVE);

        assertThat(callbacks().deletionStatus(deleted.confirmationCode())).hasValueSatisfying(d -> {
            assertThat(d.accountsDeleted()).isEqualTo(2);
            assertThat(d.requestedAt()).isEqualTo(f.clock.instant());
        });
        assertThat(callbacks().deletionStatus("0".repeat(32))).isEmpty();
        assertThat(callbacks().deleteData(signed(SHARED.userId())))
                .as("a second request finds nothing left")
                .isInstanceOfSatisfying(
                        MetaCallbacks.Outcome.Deleted.class,
                        d -> assertThat(d.accounts()).isZero());
    }

    /** Codes issued before they grew to 128 bits (20 hex digits) are still answered; other shapes are not. */
    @Test
    void aConfirmationCodeIssuedBeforeItGrewIsStillFound() {
        String legacy = "0123456789abcdef0123";
        f.store.dataDeletions().insert(new DataDeletion(legacy, f.clock.instant(), 1));

        assertThat(callbacks().deletionStatus(legacy)).isPresent();
        for (String other : new String[] {legacy.substring(1), legacy + "4", legacy.toUpperCase(Locale.ROOT), ""}) {
            assertThat(callbacks().deletionStatus(other)).as(other).isEmpty();
        }
        assertThat(callbacks().deletionStatus(null)).isEmpty();
    }

    @Test
    void forgedOrMalformedCallbacksChangeNothing() {
        String forged = SignedRequest.sign(
                Secret.of("not-our-secret"), "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"" + SHARED.userId() + "\"}");
        String unsigned = SignedRequest.sign(
                EngineFixture.APP_SECRET, "{\"algorithm\":\"none\",\"user_id\":\"" + SHARED.userId() + "\"}");
        for (String request : List.of(forged, unsigned, "garbage", "")) {
            assertThat(callbacks().deauthorize(request)).isInstanceOf(MetaCallbacks.Outcome.Refused.class);
            assertThat(callbacks().deleteData(request)).isInstanceOf(MetaCallbacks.Outcome.Refused.class);
        }
        for (Account account : List.of(sharedInAcme, sharedInGlobex, bystander)) {
            assertThat(f.reload(account).status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(f.storedToken(account)).isPresent();
        }
    }
}
