package co.plugkit;

import static co.plugkit.testing.ApiAssertions.assertBadParameter;
import static co.plugkit.testing.ApiAssertions.assertError;
import static co.plugkit.testing.ApiAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.secret.ApiKeySecret;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.SwitchableDataSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key expiry, rolling with a grace period, and the checksummed key format, over HTTP with a moving clock. */
class ApiKeyLifecycleHttpTest {
    /** A key of the format before checksums, as an operator may have configured it. */
    private static final String LEGACY_KEY = "sk_" + "5e".repeat(32);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private FakeInstagram instagram;
    private SwitchableDataSource database;
    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        instagram = new FakeInstagram(clock);
        database = new SwitchableDataSource(PlugKitServer.h2InMemory());
        server = PlugKitServer.start(instagram, clock, database, "", b -> b.bootstrapApiKey(LEGACY_KEY));
        client = server.newWorkspaceClient("Acme");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    @Test
    void aKeyWithAnExpiryWorksUntilThenAndIsRefusedLikeARevokedOne() {
        Response created = client.post("/v1/api-keys", "{\"name\":\"CI\",\"expiresAt\":\"2026-12-01T11:00:00Z\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("expiresAt").asText()).isEqualTo("2026-12-01T11:00:00Z");
        ApiClient ci = client.withKey(created.json().get("key").asText());
        assertThat(ci.get("/v1/profiles").status()).isEqualTo(200);
        assertThat(findKey(
                                client.get("/v1/api-keys").json(),
                                created.json().get("id").asText())
                        .get("expiresAt")
                        .asText())
                .isEqualTo("2026-12-01T11:00:00Z");

        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(ci.get("/v1/profiles").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        JsonNode error = assertUnauthorized(ci.get("/v1/profiles"));
        assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(client.get("/v1/api-keys").body())
                .doesNotContain(created.json().get("id").asText());
    }

    @Test
    void anExpiryMustBeAnIsoTimestampInTheFuture() {
        assertBadParameter(
                client.post("/v1/api-keys", "{\"name\":\"x\",\"expiresAt\":\"2026-12-01T10:00:00Z\"}"), "expiresAt");
        assertBadParameter(
                client.post("/v1/api-keys", "{\"name\":\"x\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}"), "expiresAt");
        assertBadParameter(client.post("/v1/api-keys", "{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}"), "expiresAt");
        assertBadParameter(client.post("/v1/api-keys", "{\"name\":\"x\",\"expiresAt\":1893456000}"), "expiresAt");
        Response offset = client.post("/v1/api-keys", "{\"name\":\"x\",\"expiresAt\":\"2026-12-01T12:00:00+01:00\"}");
        assertThat(offset.status()).isEqualTo(201);
        assertThat(offset.json().get("expiresAt").asText()).isEqualTo("2026-12-01T11:00:00Z");
        assertThat(client.post("/v1/api-keys", "{\"name\":\"x\",\"expiresAt\":null}")
                        .json()
                        .get("expiresAt")
                        .isNull())
                .isTrue();
    }

    @Test
    void rollingGivesANewKeyWithTheSameNameAndTheOldOneWorksUntilTheGraceEnds() {
        JsonNode old = client.post("/v1/api-keys", "{\"name\":\"Zapier\"}").json();
        ApiClient oldClient = client.withKey(old.get("key").asText());

        Response rolled =
                oldClient.post("/v1/api-keys/" + old.get("id").asText() + "/roll", "{\"gracePeriodSeconds\":3600}");

        assertThat(rolled.status()).isEqualTo(201);
        JsonNode fresh = rolled.json();
        assertThat(fresh.get("name").asText()).isEqualTo("Zapier");
        assertThat(fresh.get("id").asText()).isNotEqualTo(old.get("id").asText());
        assertThat(fresh.get("key").asText())
                .matches(ApiKeySecret.CHECKSUMMED_REGEX)
                .isNotEqualTo(old.get("key").asText());
        assertThat(fresh.get("expiresAt").isNull()).isTrue();
        ApiClient freshClient = client.withKey(fresh.get("key").asText());
        assertThat(findKey(client.get("/v1/api-keys").json(), old.get("id").asText())
                        .get("expiresAt")
                        .asText())
                .isEqualTo("2026-12-01T11:00:00Z");

        clock.advance(Duration.ofMinutes(59));
        assertThat(oldClient.get("/v1/profiles").status()).isEqualTo(200);
        assertThat(freshClient.get("/v1/profiles").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertUnauthorized(oldClient.get("/v1/profiles"));
        assertThat(freshClient.get("/v1/profiles").status()).isEqualTo(200);
        // An expired key can be rolled no more.
        assertError(client.post("/v1/api-keys/" + old.get("id").asText() + "/roll", "{}"), 404, "api_key_not_found");
    }

    @Test
    void rollingWithoutABodyGivesADayOfGraceAndZeroEndsTheOldKeyAtOnce() {
        JsonNode a = client.post("/v1/api-keys", "{\"name\":\"a\"}").json();
        Response rolled = client.raw(
                "POST", "/v1/api-keys/" + a.get("id").asText() + "/roll", "Authorization", "Bearer " + client.apiKey());
        assertThat(rolled.status()).isEqualTo(201);
        assertThat(findKey(client.get("/v1/api-keys").json(), a.get("id").asText())
                        .get("expiresAt")
                        .asText())
                .isEqualTo(clock.instant().plus(1, ChronoUnit.DAYS).toString());

        JsonNode b = client.post("/v1/api-keys", "{\"name\":\"b\"}").json();
        assertThat(client.post("/v1/api-keys/" + b.get("id").asText() + "/roll", "{\"gracePeriodSeconds\":0}")
                        .status())
                .isEqualTo(201);
        assertUnauthorized(client.withKey(b.get("key").asText()).get("/v1/profiles"));
    }

    @Test
    void aRollKeepsAnEarlierExpiryAndTheNewKeyInheritsIt() {
        JsonNode old = client.post("/v1/api-keys", "{\"name\":\"short\",\"expiresAt\":\"2026-12-01T10:30:00Z\"}")
                .json();
        JsonNode fresh = client.post("/v1/api-keys/" + old.get("id").asText() + "/roll", "{}")
                .json();

        assertThat(fresh.get("expiresAt").asText()).isEqualTo("2026-12-01T10:30:00Z");
        assertThat(findKey(client.get("/v1/api-keys").json(), old.get("id").asText())
                        .get("expiresAt")
                        .asText())
                .isEqualTo("2026-12-01T10:30:00Z");
    }

    @Test
    void rollChecksItsGraceAndItsKey() {
        String id =
                client.post("/v1/api-keys", "{\"name\":\"a\"}").json().get("id").asText();
        String roll = "/v1/api-keys/" + id + "/roll";
        assertBadParameter(client.post(roll, "{\"gracePeriodSeconds\":-1}"), "gracePeriodSeconds");
        assertBadParameter(client.post(roll, "{\"gracePeriodSeconds\":604801}"), "gracePeriodSeconds");
        assertBadParameter(client.post(roll, "{\"gracePeriodSeconds\":1.5}"), "gracePeriodSeconds");
        assertBadParameter(client.post(roll, "{\"gracePeriodSeconds\":\"60\"}"), "gracePeriodSeconds");
        assertThat(client.post(roll, "{\"gracePeriodSeconds\":604800}").status())
                .isEqualTo(201);
        assertError(client.post("/v1/api-keys/key_000000000000000000000000/roll", "{}"), 404, "api_key_not_found");
        assertError(client.post("/v1/api-keys/nonsense/roll", "{}"), 404, "api_key_not_found");
        assertError(client.get(roll), 405, "method_not_allowed");
        ApiClient other = server.newWorkspaceClient("Other");
        assertError(other.post(roll, "{}"), 404, "api_key_not_found");
    }

    @Test
    void aRevokedKeyCannotBeRolled() {
        String id =
                client.post("/v1/api-keys", "{\"name\":\"a\"}").json().get("id").asText();
        assertThat(client.delete("/v1/api-keys/" + id).status()).isEqualTo(204);
        assertError(client.post("/v1/api-keys/" + id + "/roll", "{}"), 404, "api_key_not_found");
    }

    @Test
    void aKeyWithAWrongChecksumIsRefusedWithoutAskingTheDatabase() {
        String good = client.apiKey();
        String typo = good.substring(0, 20) + (good.charAt(20) == 'a' ? 'b' : 'a') + good.substring(21);
        database.down();
        try {
            // With the database stopped, any lookup answers 503; these answer 401, so none was made.
            assertThat(client.withKey(typo)
                            .get("/v1/profiles")
                            .json()
                            .at("/error/code")
                            .asText())
                    .isEqualTo("invalid_api_key");
            assertUnauthorized(client.withKey(typo).get("/v1/profiles"));
            assertUnauthorized(client.withKey(ApiKeySecret.generate().reveal().substring(0, 75) + "0")
                    .get("/v1/profiles"));
            // The control: a key with a valid checksum is looked up, and the stopped database shows.
            assertError(
                    client.withKey(ApiKeySecret.generate().reveal()).get("/v1/profiles"), 503, "database_unavailable");
        } finally {
            database.up();
        }
        assertThat(client.get("/v1/profiles").status()).isEqualTo(200);
    }

    @Test
    void keysOfTheFormatWithoutAChecksumStillWork() {
        ApiClient legacy = client.withKey(LEGACY_KEY);

        assertThat(legacy.get("/v1/profiles").status()).isEqualTo(200);
        JsonNode created = legacy.post("/v1/api-keys", "{\"name\":\"new\"}").json();
        assertThat(created.get("key").asText()).matches(ApiKeySecret.CHECKSUMMED_REGEX);
        assertThat(client.apiKey()).matches(ApiKeySecret.CHECKSUMMED_REGEX);
        // A legacy key is rolled into a checksummed one.
        String legacyId = null;
        for (JsonNode k : legacy.get("/v1/api-keys").json().get("data")) {
            if (k.get("name").asText().equals("bootstrap")) {
                legacyId = k.get("id").asText();
            }
        }
        assertThat(legacyId).isNotNull();
        JsonNode fresh = legacy.post("/v1/api-keys/" + legacyId + "/roll", "{\"gracePeriodSeconds\":0}")
                .json();
        assertThat(fresh.get("key").asText()).matches(ApiKeySecret.CHECKSUMMED_REGEX);
        assertUnauthorized(legacy.get("/v1/profiles"));
        assertThat(legacy.withKey(fresh.get("key").asText()).get("/v1/profiles").status())
                .isEqualTo(200);
    }

    private static JsonNode findKey(JsonNode list, String id) {
        for (JsonNode k : list.get("data")) {
            if (k.get("id").asText().equals(id)) {
                return k;
            }
        }
        throw new AssertionError("no key " + id + " in " + list);
    }
}
