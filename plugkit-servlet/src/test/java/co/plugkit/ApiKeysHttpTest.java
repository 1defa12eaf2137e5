package co.plugkit;

import static co.plugkit.testing.ApiAssertions.assertBadParameter;
import static co.plugkit.testing.ApiAssertions.assertError;
import static co.plugkit.testing.ApiAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysHttpTest extends SharedServerTest {

    @Test
    void createShowsThePlaintextKeyOnce() {
        ApiClient client = newWorkspace();

        Response created = client.post("/v1/api-keys", "{\"name\":\"CI\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode key = created.json();
        assertThat(key.get("id").asText()).startsWith("key_");
        assertThat(key.get("name").asText()).isEqualTo("CI");
        assertThat(key.get("key").asText()).matches(co.plugkit.secret.ApiKeySecret.CHECKSUMMED_REGEX);
        assertThat(key.get("prefix").asText()).isEqualTo(key.get("key").asText().substring(0, 11));
        assertThat(key.get("createdAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(client.withKey(key.get("key").asText()).get("/v1/profiles").status())
                .isEqualTo(200);
    }

    @Test
    void everyKeyIsDifferent() {
        ApiClient client = newWorkspace();

        String first = client.post("/v1/api-keys", "{\"name\":\"a\"}")
                .json()
                .get("key")
                .asText();
        String second = client.post("/v1/api-keys", "{\"name\":\"a\"}")
                .json()
                .get("key")
                .asText();

        assertThat(first).isNotEqualTo(second).isNotEqualTo(client.apiKey());
    }

    @Test
    void listShowsEveryKeyButNeverItsSecret() {
        ApiClient client = newWorkspace();
        List<String> plaintexts = new ArrayList<>(List.of(client.apiKey()));
        JsonNode created = client.post("/v1/api-keys", "{\"name\":\"Zapier\"}").json();
        plaintexts.add(created.get("key").asText());

        Response list = client.get("/v1/api-keys");

        assertThat(list.status()).isEqualTo(200);
        JsonNode data = list.json().get("data");
        assertThat(data).hasSize(2);
        for (JsonNode k : data) {
            assertThat(k.has("key")).as("key field in %s", k).isFalse();
            assertThat(k.get("id").asText()).startsWith("key_");
            assertThat(k.get("prefix").asText()).matches("sk_[0-9a-f]{8}");
            assertThat(k.get("createdAt").asText()).isNotBlank();
        }
        JsonNode zapier = findById(data, created.get("id").asText());
        assertThat(zapier.get("name").asText()).isEqualTo("Zapier");
        assertThat(zapier.get("prefix").asText())
                .isEqualTo(created.get("prefix").asText());
        for (String plaintext : plaintexts) {
            assertThat(list.body()).doesNotContain(plaintext).doesNotContain(plaintext.substring(3));
        }
    }

    @Test
    void lastUsedAtIsSetOnceTheKeyIsUsed() {
        ApiClient client = newWorkspace();
        JsonNode created = client.post("/v1/api-keys", "{\"name\":\"later\"}").json();
        String id = created.get("id").asText();
        assertThat(created.get("lastUsedAt").isNull()).isTrue();
        assertThat(findById(client.get("/v1/api-keys").json().get("data"), id)
                        .get("lastUsedAt")
                        .isNull())
                .isTrue();

        assertThat(client.withKey(created.get("key").asText())
                        .get("/v1/profiles")
                        .status())
                .isEqualTo(200);

        JsonNode listed = findById(client.get("/v1/api-keys").json().get("data"), id);
        assertThat(listed.get("lastUsedAt").asText()).isEqualTo(clock.instant().toString());
    }

    @Test
    void aDeletedKeyStopsWorkingAtOnceAndLeavesTheList() {
        ApiClient client = newWorkspace();
        JsonNode created = client.post("/v1/api-keys", "{\"name\":\"leaked\"}").json();
        ApiClient leaked = client.withKey(created.get("key").asText());
        assertThat(leaked.get("/v1/profiles").status()).isEqualTo(200);

        Response deleted = client.delete("/v1/api-keys/" + created.get("id").asText());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertUnauthorized(leaked.get("/v1/profiles"));
        assertUnauthorized(leaked.post("/v1/profiles", "{\"name\":\"x\"}"));
        assertThat(client.get("/v1/api-keys").json().get("data"))
                .extracting(k -> k.get("id").asText())
                .doesNotContain(created.get("id").asText());
        assertError(client.delete("/v1/api-keys/" + created.get("id").asText()), 404, "api_key_not_found");
        assertThat(client.get("/v1/profiles").status()).isEqualTo(200);
    }

    @Test
    void aKeyMayRevokeItself() {
        ApiClient client = newWorkspace();
        String ownId =
                client.get("/v1/api-keys").json().get("data").get(0).get("id").asText();

        assertThat(client.delete("/v1/api-keys/" + ownId).status()).isEqualTo(204);

        assertUnauthorized(client.get("/v1/api-keys"));
    }

    @Test
    void anotherWorkspacesKeyCannotBeDeletedAndKeepsWorking() {
        ApiClient a = newWorkspace();
        ApiClient b = newWorkspace();
        String aKeyId =
                a.get("/v1/api-keys").json().get("data").get(0).get("id").asText();

        assertError(b.delete("/v1/api-keys/" + aKeyId), 404, "api_key_not_found");

        assertThat(a.get("/v1/api-keys").status()).isEqualTo(200);
        assertThat(a.get("/v1/api-keys").json().get("data")).hasSize(1);
        assertThat(b.get("/v1/api-keys").json().get("data"))
                .extracting(k -> k.get("id").asText())
                .doesNotContain(aKeyId);
    }

    @Test
    void unknownAndMalformedKeyIdsAreNotFound() {
        ApiClient client = newWorkspace();

        assertError(client.delete("/v1/api-keys/key_000000000000000000000000"), 404, "api_key_not_found");
        assertError(client.delete("/v1/api-keys/not-a-key-id"), 404, "api_key_not_found");
        assertError(client.delete("/v1/api-keys/prof_000000000000000000000000"), 404, "api_key_not_found");
    }

    @Test
    void createValidatesTheName() {
        ApiClient client = newWorkspace();

        assertBadParameter(client.post("/v1/api-keys", "{}"), "name");
        assertBadParameter(client.post("/v1/api-keys", "{\"name\":\"  \"}"), "name");
        assertBadParameter(client.post("/v1/api-keys", "{\"name\":7}"), "name");
        assertBadParameter(client.post("/v1/api-keys", "{\"name\":\"" + "k".repeat(201) + "\"}"), "name");
        assertError(client.post("/v1/api-keys", "not json"), 400, "invalid_json");

        assertThat(client.get("/v1/api-keys").json().get("data")).hasSize(1);
    }

    @Test
    void otherMethodsAreNotAllowed() {
        ApiClient client = newWorkspace();
        String ownId =
                client.get("/v1/api-keys").json().get("data").get(0).get("id").asText();

        assertError(
                client.raw("PUT", "/v1/api-keys", "Authorization", "Bearer " + client.apiKey()),
                405,
                "method_not_allowed");
        assertError(client.delete("/v1/api-keys"), 405, "method_not_allowed");
        assertError(client.post("/v1/api-keys/" + ownId, "{\"name\":\"x\"}"), 405, "method_not_allowed");
    }

    private static JsonNode findById(JsonNode data, String id) {
        for (JsonNode item : data) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no " + id + " in " + data);
    }
}
