package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audit findings 1, 3 and 9 over real HTTP, on H2 and PostgreSQL: what Instagram (or a client) sends can
 * be longer or odder than what a column holds. Each case either stores something sensible or ends on a
 * clear error — never a 500, never a half-written account.
 */
class LongValuesHttpTest {

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<TestDatabase>) TestDatabase::h2),
                Arguments.of("PostgreSQL", (Supplier<TestDatabase>) TestDatabase::postgres));
    }

    private record Stand(
            TestDatabase database, MutableClock clock, FakeInstagram instagram, PlugKitServer server, ApiClient client)
            implements AutoCloseable {
        static Stand start(Supplier<TestDatabase> database) {
            MutableClock clock = MutableClock.startingNow();
            TestDatabase db = database.get();
            FakeInstagram instagram = new FakeInstagram(clock);
            PlugKitServer server = PlugKitServer.start(instagram, clock, db.dataSource(), "", b -> b);
            return new Stand(db, clock, instagram, server, server.newWorkspaceClient("Acme"));
        }

        @Override
        public void close() throws Exception {
            server.close();
            instagram.close();
            database.close();
        }
    }

    /** Finding 1: a profile out of every bound ends on a clear page, and nothing is stored. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aProfileOutOfBoundsIsRefusedCleanly(String name, Supplier<TestDatabase> database) throws Exception {
        try (Stand stand = Stand.start(database)) {
            String profileId = stand.client().createProfile("Jane");
            for (IgAccount odd : new IgAccount[] {
                new IgAccount("17841400000000011", "27281400000000011", "u".repeat(150), "Name", "BUSINESS", null),
                new IgAccount("1".repeat(80), "27281400000000012", "acme", "Name", "BUSINESS", null)
            }) {
                stand.instagram().approveAs(odd);
                Response page = stand.client().connectThroughBrowser(profileId, Optional.empty());
                assertThat(page.status()).isEqualTo(502);
                assertThat(page.body()).contains("instagram_bad_response");
            }
            assertThat(stand.client().get("/v1/accounts").json().get("data")).isEmpty();
        }
    }

    /** Finding 1: a long display name is shortened and an absurd picture address left out; the account connects. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void longTextIsShortenedAndAnAbsurdPictureLeftOut(String name, Supplier<TestDatabase> database) throws Exception {
        try (Stand stand = Stand.start(database)) {
            String profileId = stand.client().createProfile("Jane");
            stand.instagram()
                    .approveAs(new IgAccount(
                            "17841400000000013",
                            "27281400000000013",
                            "acme",
                            "é".repeat(400),
                            "BUSINESS",
                            "https://scontent.example/" + "p".repeat(3000) + ".jpg"));
            Response page = stand.client().connectThroughBrowser(profileId, Optional.empty());
            assertThat(page.status()).isEqualTo(200);
            JsonNode account =
                    stand.client().get("/v1/accounts").json().get("data").get(0);
            assertThat(account.get("displayName").asText()).hasSize(300);
            assertThat(account.get("profilePictureUrl").isNull()).isTrue();
        }
    }

    /** Finding 3: a 3,504-character token that /me accepts is stored, and used for the next refresh. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLongTokenIsStoredAndUsed(String name, Supplier<TestDatabase> database) throws Exception {
        try (Stand stand = Stand.start(database)) {
            String profileId = stand.client().createProfile("Jane");
            IgAccount acme = IgAccount.business("17841400000000001", "acme");
            String token = stand.instagram().generateToken(acme, 3_504);
            assertThat(token).hasSize(3_504);
            Response r = stand.client()
                    .post(
                            "/v1/accounts/connect",
                            "{\"platform\":\"INSTAGRAM\",\"profileId\":\"" + profileId + "\",\"externalId\":\""
                                    + acme.userId() + "\",\"accessToken\":\"" + token + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.body()).doesNotContain(token);

            String tooLong = "IGAA" + "x".repeat(16_384);
            Response refused = stand.client()
                    .post(
                            "/v1/accounts/connect",
                            "{\"platform\":\"INSTAGRAM\",\"profileId\":\"" + profileId + "\",\"externalId\":\""
                                    + acme.userId() + "\",\"accessToken\":\"" + tooLong + "\"}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("error").get("message").asText()).contains("accessToken");
        }
    }

    /** Finding 9: an absurd expires_in is "unknown", not an expiry centuries away; the token is refreshed on schedule. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAbsurdLifetimeIsStoredAsUnknown(String name, Supplier<TestDatabase> database) throws Exception {
        try (Stand stand = Stand.start(database)) {
            String profileId = stand.client().createProfile("Jane");
            stand.instagram().announceExpiresIn(9_999_999_999L);
            assertThat(stand.client()
                            .connectThroughBrowser(profileId, Optional.empty())
                            .status())
                    .isEqualTo(200);
            JsonNode account =
                    stand.client().get("/v1/accounts").json().get("data").get(0);
            assertThat(account.get("tokenExpiresAt").isNull())
                    .as(account.toString())
                    .isTrue();

            // Unknown expiry: refreshed once the token is a day old, and a believable answer sets it.
            stand.instagram().announceExpiresIn(FakeInstagram.LONG_LIVED_SECONDS);
            stand.clock().advance(Duration.ofHours(25));
            assertThat(stand.server().plugKit().refreshTokensNow().refreshed()).isEqualTo(1);
            assertThat(stand.client()
                            .get("/v1/accounts")
                            .json()
                            .get("data")
                            .get(0)
                            .get("tokenExpiresAt")
                            .isNull())
                    .isFalse();
        }
    }
}
