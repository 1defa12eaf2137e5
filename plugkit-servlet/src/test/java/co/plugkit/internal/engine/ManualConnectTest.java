package co.plugkit.internal.engine;

import static co.plugkit.internal.engine.EngineFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.ProfileId;
import co.plugkit.internal.engine.ManualConnect.Outcome;
import co.plugkit.internal.engine.ManualConnect.Request;
import co.plugkit.model.Account;
import co.plugkit.model.AccountStatus;
import co.plugkit.provider.Platform;
import co.plugkit.secret.Secret;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.InProcessInstagram;
import co.plugkit.testing.InProcessInstagram.Call;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ManualConnect}: a token the client already has, checked against {@code /me} before it is stored. */
class ManualConnectTest {
    private EngineFixture f;

    @BeforeEach
    void start() {
        f = EngineFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Outcome connect(ProfileId profileId, String externalId, String token) {
        return f.engine
                .manualConnect()
                .connect(
                        f.workspace,
                        new Request(profileId, Platform.INSTAGRAM, externalId, Secret.of(token), Optional.empty()));
    }

    private List<Account> stored() {
        return f.accounts()
                .list(f.workspace, Optional.empty(), 10, Optional.empty())
                .items();
    }

    @Test
    void aValidTokenIsStoredWithWhatInstagramSaysAndRefreshedOnceADayOld() {
        String token = f.instagram.generateToken(ACME);
        Outcome outcome = f.engine
                .manualConnect()
                .connect(
                        f.workspace,
                        new Request(
                                f.profile,
                                Platform.INSTAGRAM,
                                ACME.userId(),
                                Secret.of(token),
                                Optional.of("{\"crm\":42}")));

        assertThat(outcome).isInstanceOf(Outcome.Connected.class);
        Account account = ((Outcome.Connected) outcome).account();
        assertThat(account.username()).isEqualTo("acme");
        assertThat(account.displayName()).contains("Name of acme");
        assertThat(account.appScopedId()).contains(ACME.appScopedId());
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(account.tokenExpiresAt())
                .as("unknown until the first refresh")
                .isEmpty();
        assertThat(account.scopes()).isEmpty();
        assertThat(account.metadata()).contains("{\"crm\":42}");
        assertThat(f.storedToken(account)).contains(token);
        assertThat(f.instagram.received(Call.ME)).containsExactly(token);

        f.clock.advance(Duration.ofHours(23));
        assertThat(f.refresher().runOnce().refreshed()).as("under a day old").isZero();
        f.clock.advance(Duration.ofHours(2));
        assertThat(f.refresher().runOnce().refreshed()).isEqualTo(1);
        Account refreshed = f.reload(account);
        assertThat(refreshed.tokenExpiresAt()).contains(f.clock.instant().plus(InProcessInstagram.LONG_LIVED));
        assertThat(refreshed.metadata()).contains("{\"crm\":42}");
        assertThat(f.instagram.received(Call.REFRESH)).containsExactly(token);
        assertThat(f.instagram.refreshesTooEarly()).isZero();
    }

    @Test
    void theAppScopedIdNamesTheAccountToo() {
        String token = f.instagram.generateToken(ACME);
        assertThat(connect(f.profile, ACME.appScopedId(), token))
                .isInstanceOfSatisfying(
                        Outcome.Connected.class,
                        c -> assertThat(c.account().externalId()).isEqualTo(ACME.userId()));
    }

    @Test
    void aTokenOfAnotherAccountOrOneInstagramRejectsIsRefusedAndNothingIsStored() {
        String token = f.instagram.generateToken(ACME);
        assertThat(connect(f.profile, "17841400000000999", token)).isInstanceOf(Outcome.TokenRejected.class);
        assertThat(connect(f.profile, ACME.userId(), "IGAAnotatoken")).isInstanceOf(Outcome.TokenRejected.class);
        f.instagram.failNext(Call.ME, InProcessInstagram.rejected(190, 460));
        assertThat(connect(f.profile, ACME.userId(), token)).isInstanceOf(Outcome.TokenRejected.class);

        f.instagram.failNext(Call.ME, InProcessInstagram.unavailable());
        assertThat(connect(f.profile, ACME.userId(), token)).isInstanceOf(Outcome.InstagramUnavailable.class);
        f.instagram.failNext(Call.ME, InProcessInstagram.malformed());
        assertThat(connect(f.profile, ACME.userId(), token)).isInstanceOf(Outcome.InstagramUnavailable.class);

        IgAccount personal = new IgAccount("17841400000000009", "27280000000000009", "me", "Me", "PERSONAL", null);
        assertThat(connect(f.profile, personal.userId(), f.instagram.generateToken(personal)))
                .isInstanceOf(Outcome.NotProfessional.class);
        assertThat(stored()).isEmpty();
    }

    @Test
    void anUnknownProfileOrPlatformIsRefusedBeforeInstagramIsAsked() {
        String token = f.instagram.generateToken(ACME);
        assertThat(connect(ProfileId.random(), ACME.userId(), token)).isInstanceOf(Outcome.ProfileNotFound.class);
        assertThat(connect(f.newProfile(f.newWorkspace("Other"), "Joe"), ACME.userId(), token))
                .as("another workspace's profile")
                .isInstanceOf(Outcome.ProfileNotFound.class);
        assertThat(f.engine
                        .manualConnect()
                        .connect(
                                f.workspace,
                                new Request(
                                        f.profile,
                                        new Platform("tiktok"),
                                        ACME.userId(),
                                        Secret.of(token),
                                        Optional.empty())))
                .isInstanceOf(Outcome.PlatformNotSupported.class);

        assertThat(f.instagram.received()).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void aManualConnectionOfAnAccountConnectedBeforeUpdatesIt() {
        Account connected = f.connected(ACME);
        String token = f.instagram.generateToken(ACME);

        assertThat(connect(f.profile, ACME.userId(), token))
                .isInstanceOfSatisfying(
                        Outcome.Connected.class,
                        c -> assertThat(c.account().id()).isEqualTo(connected.id()));
        assertThat(stored()).hasSize(1);
        assertThat(f.storedToken(connected)).contains(token);
    }
}
