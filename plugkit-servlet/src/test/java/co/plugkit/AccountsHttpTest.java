package co.plugkit;

import static co.plugkit.testing.ApiAssertions.assertBadParameter;
import static co.plugkit.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsHttpTest extends SharedServerTest {
    @Test
    void getOneShowsTheAccount() {
        ApiClient client = newWorkspace();
        String profileId = client.createProfile("Jane");
        String accountId = connect(client, profileId, "17841400000000042", "janes_bakery");

        Response r = client.get("/v1/accounts/" + accountId);

        assertThat(r.status()).isEqualTo(200);
        JsonNode a = r.json();
        assertThat(a.get("id").asText()).isEqualTo(accountId).matches("acc_[0-9a-z]+");
        assertThat(a.get("platform").asText()).isEqualTo("instagram");
        assertThat(a.get("profileId").asText()).isEqualTo(profileId);
        assertThat(a.get("externalId").asText()).isEqualTo("17841400000000042");
        assertThat(a.get("username").asText()).isEqualTo("janes_bakery");
        assertThat(a.get("displayName").asText()).isEqualTo("Name of janes_bakery");
        assertThat(a.get("accountType").asText()).isEqualTo("BUSINESS");
        assertThat(a.get("profilePictureUrl").asText()).isEqualTo("https://scontent.example/janes_bakery.jpg");
        assertThat(a.get("scopes").isArray()).isTrue();
        assertThat(a.get("scopes")).isNotEmpty();
        assertThat(a.get("status").asText()).isEqualTo("active");
        assertThat(a.get("tokenExpiresAt").asText()).endsWith("Z");
        assertThat(a.get("connectedAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(a.get("updatedAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(fieldNames(a)).doesNotContain("token", "accessToken", "workspaceId", "appScopedId");
        assertThat(client.get("/v1/accounts").json().get("data").get(0)).isEqualTo(a);
    }

    @Test
    void listIsEmptyForANewWorkspace() {
        ApiClient client = newWorkspace();

        JsonNode list = client.get("/v1/accounts").json();

        assertThat(list.get("data")).isEmpty();
        assertThat(list.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void listPagesCoverEveryAccountExactlyOnce() {
        ApiClient client = newWorkspace();
        String jane = client.createProfile("Jane");
        String joe = client.createProfile("Joe");
        List<String> connected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            connected.add(connect(client, i % 2 == 0 ? jane : joe));
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Response page =
                    client.get("/v1/accounts?limit=2" + (cursor == null ? "" : "&cursor=" + ApiClient.encode(cursor)));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("data").forEach(a -> seen.add(a.get("id").asText()));
            pageSizes.add(page.json().get("data").size());
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null && pageSizes.size() < 10);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(connected);
    }

    @Test
    void listFiltersByProfileAcrossPages() {
        ApiClient client = newWorkspace();
        String jane = client.createProfile("Jane");
        String joe = client.createProfile("Joe");
        List<String> janes = new ArrayList<>();
        List<String> joes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            janes.add(connect(client, jane));
            joes.add(connect(client, joe));
        }

        JsonNode first =
                client.get("/v1/accounts?profileId=" + jane + "&limit=2").json();
        JsonNode second = client.get("/v1/accounts?profileId=" + jane + "&limit=2&cursor="
                        + first.get("nextCursor").asText())
                .json();

        List<String> seen = new ArrayList<>();
        first.get("data").forEach(a -> seen.add(a.get("id").asText()));
        second.get("data").forEach(a -> seen.add(a.get("id").asText()));
        assertThat(seen).containsExactlyElementsOf(janes);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(ids(client.get("/v1/accounts?profileId=" + joe).json())).containsExactlyElementsOf(joes);
        assertThat(client.get("/v1/accounts?profileId=prof_000000000000000000000000")
                        .json()
                        .get("data"))
                .isEmpty();
        String empty = client.createProfile("Nobody");
        assertThat(client.get("/v1/accounts?profileId=" + empty).json().get("data"))
                .isEmpty();
    }

    @Test
    void aMalformedProfileIdOrPagingParameterIsRefusedByName() {
        ApiClient client = newWorkspace();

        for (String bad : List.of("acc_000000000000000000000000", "jane", "prof_", "PROF_ABC", "prof_a%20b")) {
            assertBadParameter(client.get("/v1/accounts?profileId=" + bad), "profileId");
        }
        assertBadParameter(client.get("/v1/accounts?profileId=prof_a&profileId=prof_b"), "profileId");
        for (String limit : List.of("0", "101", "abc")) {
            assertBadParameter(client.get("/v1/accounts?limit=" + limit), "limit");
        }
        assertBadParameter(client.get("/v1/accounts?cursor=nonsense"), "cursor");

        // A cursor of another list is refused rather than quietly shifting the page.
        client.createProfile("A");
        client.createProfile("B");
        String profilesCursor =
                client.get("/v1/profiles?limit=1").json().get("nextCursor").asText();
        assertBadParameter(client.get("/v1/accounts?cursor=" + ApiClient.encode(profilesCursor)), "cursor");
        assertThat(client.get("/v1/profiles?cursor=" + ApiClient.encode(profilesCursor))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void deleteDisconnectsTheAccountAndForgetsItsToken() throws SQLException {
        ApiClient client = newWorkspace();
        String profileId = client.createProfile("Jane");
        String gone = connect(client, profileId);
        String kept = connect(client, profileId);

        Response deleted = client.delete("/v1/accounts/" + gone);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertError(client.get("/v1/accounts/" + gone), 404, "account_not_found");
        assertError(client.delete("/v1/accounts/" + gone), 404, "account_not_found");
        assertThat(ids(client.get("/v1/accounts").json())).containsExactly(kept);
        assertThat(ids(client.get("/v1/accounts?profileId=" + profileId).json()))
                .containsExactly(kept);
        assertThat(client.get("/v1/accounts/" + kept).status()).isEqualTo(200);
        assertThat(storedTokens(gone)).isZero();
        assertThat(storedTokens(kept)).isOne();
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        ApiClient client = newWorkspace();

        for (String id : List.of(
                "acc_000000000000000000000000",
                "acc_",
                "ACC_abc",
                "prof_000000000000000000000000",
                "not-an-id",
                "%3Cscript%3E",
                "acc_" + "a".repeat(100),
                "..%3B")) {
            JsonNode error = assertError(client.get("/v1/accounts/" + id), 404, "account_not_found");
            assertThat(error.get("message").asText()).doesNotContain("<script>");
            assertError(client.delete("/v1/accounts/" + id), 404, "account_not_found");
        }
        assertError(client.get("/v1/accounts/acc_1/extra"), 404, "not_found");
    }

    @Test
    void otherMethodsAreNotAllowed() {
        ApiClient client = newWorkspace();
        String accountId = connect(client, client.createProfile("Jane"));
        String auth = "Bearer " + client.apiKey();

        assertError(client.post("/v1/accounts", "{}"), 405, "method_not_allowed");
        assertError(client.post("/v1/accounts/" + accountId, "{}"), 405, "method_not_allowed");
        assertError(client.raw("PUT", "/v1/accounts/" + accountId, "Authorization", auth), 405, "method_not_allowed");
        assertError(client.raw("PATCH", "/v1/accounts/" + accountId, "Authorization", auth), 405, "method_not_allowed");
        assertError(client.delete("/v1/accounts"), 405, "method_not_allowed");
        assertError(client.post("/v1/health", "{}"), 405, "method_not_allowed");
        assertError(client.post("/v1/connect/instagram", "{}"), 405, "method_not_allowed");
        assertThat(client.get("/v1/accounts/" + accountId).status()).isEqualTo(200);

        // A 405 says what the route does take (RFC 9110).
        assertThat(client.post("/v1/accounts", "{}").header("Allow")).contains("GET");
        assertThat(client.post("/v1/accounts/" + accountId, "{}").header("Allow"))
                .contains("GET, DELETE");
        assertThat(client.get("/v1/accounts/" + accountId + "/refresh").header("Allow"))
                .contains("POST");
        assertThat(client.post("/v1/health", "{}").header("Allow")).contains("GET, HEAD");
        assertThat(client.delete("/v1/profiles").header("Allow")).contains("GET, POST");
    }

    @Test
    void unknownRoutesAnswerAJson404WithOrWithoutAKey() {
        ApiClient client = newWorkspace();

        for (String path : List.of(
                "/v1/nothing",
                "/v1/",
                "/v1",
                "/v1/account",
                "/v1/health/extra",
                "/v1/connect/facebook",
                "/v1/connect/instagram/other")) {
            assertError(client.get(path), 404, "not_found");
            assertError(server.anonymousClient().get(path), 404, "not_found");
        }
        assertError(client.get("/v1/api-keys/key_1/extra"), 404, "not_found");
        assertError(client.post("/v1/nothing", "{}"), 404, "not_found");
        assertError(client.delete("/v1/nothing"), 404, "not_found");
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private int storedTokens(String accountId) throws SQLException {
        try (Connection c = server.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM plugkit_accounts WHERE id = ? AND token_ciphertext IS NOT NULL")) {
            s.setString(1, accountId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
