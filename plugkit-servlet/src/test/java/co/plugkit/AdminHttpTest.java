package co.plugkit;

import static co.plugkit.testing.ApiAssertions.assertBadParameter;
import static co.plugkit.testing.ApiAssertions.assertError;
import static co.plugkit.testing.ApiAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.RawRequests;
import co.plugkit.testing.TestKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AdminHttpTest extends SharedServerTest {
    private static final String PATH = "/admin/v1/workspaces";

    @Test
    void createsAWorkspaceWithAWorkingKey() {
        Response r = admin().post(PATH, "{\"name\":\"Acme Inc\"}");

        assertThat(r.status()).isEqualTo(201);
        JsonNode workspace = r.json().get("workspace");
        assertThat(workspace.get("id").asText()).startsWith("ws_");
        assertThat(workspace.get("name").asText()).isEqualTo("Acme Inc");
        assertThat(workspace.get("createdAt").asText())
                .isEqualTo(clock.instant().toString());
        String key = r.json().get("apiKey").asText();
        assertThat(key).matches(co.plugkit.secret.ApiKeySecret.CHECKSUMMED_REGEX);

        ApiClient tenant = server.anonymousClient().withKey(key);
        assertThat(tenant.get("/v1/profiles").status()).isEqualTo(200);
        assertThat(tenant.get("/v1/profiles").json().get("data")).isEmpty();
        assertThat(tenant.get("/v1/api-keys").json().get("data")).hasSize(1);
        assertThat(tenant.get("/v1/api-keys").body()).doesNotContain(key);
    }

    @Test
    void everyWorkspaceIsNewAndSeparate() {
        JsonNode first = admin().post(PATH, "{\"name\":\"Same name\"}").json();
        JsonNode second = admin().post(PATH, "{\"name\":\"Same name\"}").json();

        assertThat(first.get("workspace").get("id").asText())
                .isNotEqualTo(second.get("workspace").get("id").asText());
        ApiClient one = server.anonymousClient().withKey(first.get("apiKey").asText());
        ApiClient two = server.anonymousClient().withKey(second.get("apiKey").asText());
        String profile = one.createProfile("Jane");
        assertError(two.get("/v1/profiles/" + profile), 404, "profile_not_found");
    }

    @Test
    void aWrongOrMissingAdminTokenGets401AndCreatesNothing() throws SQLException {
        ApiClient tenant = newWorkspace();
        int workspacesBefore = workspaceCount();
        List<String> wrong = List.of(
                "",
                "Bearer",
                "Bearer wrong",
                "Bearer " + TestKeys.ADMIN_TOKEN + "x",
                "Bearer " + TestKeys.ADMIN_TOKEN.substring(1),
                "Bearer " + TestKeys.ADMIN_TOKEN.toUpperCase(Locale.ROOT),
                "Basic " + TestKeys.ADMIN_TOKEN,
                TestKeys.ADMIN_TOKEN,
                "Bearer " + tenant.apiKey());
        for (String authorization : wrong) {
            Response r = authorization.isEmpty() ? post(null) : post(authorization);
            assertThat(r.status()).as("'%s'", authorization).isEqualTo(401);
            assertUnauthorized(r);
            assertThat(r.body()).doesNotContain("sk_").doesNotContain(TestKeys.ADMIN_TOKEN);
        }
        assertThat(workspaceCount()).isEqualTo(workspacesBefore);
    }

    private int workspaceCount() throws SQLException {
        try (Connection c = server.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM plugkit_workspaces")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        Response r = RawRequests.send(
                server.baseUrl(),
                "POST",
                PATH,
                "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + TestKeys.ADMIN_TOKEN,
                "Authorization",
                "Bearer " + TestKeys.ADMIN_TOKEN);

        assertUnauthorized(r);
    }

    @Test
    void theNameIsValidated() {
        assertBadParameter(admin().post(PATH, "{}"), "name");
        assertBadParameter(admin().post(PATH, "{\"name\":\" \"}"), "name");
        assertBadParameter(admin().post(PATH, "{\"name\":1}"), "name");
        assertBadParameter(admin().post(PATH, "{\"name\":\"" + "w".repeat(201) + "\"}"), "name");
        assertError(admin().post(PATH, "[]"), 400, "invalid_json");
    }

    @Test
    void onlyPostIsAllowed() {
        assertError(admin().get(PATH), 405, "method_not_allowed");
        assertError(admin().delete(PATH), 405, "method_not_allowed");
        assertError(admin().post(PATH + "/ws_123", "{\"name\":\"x\"}"), 405, "method_not_allowed");
    }

    @Test
    void aKeyForTheDefaultWorkspaceWorksAndIsShownOnce() {
        Response r = admin().post(PATH + "/ws_default/api-keys", "{\"name\":\"first\"}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("name").asText()).isEqualTo("first");
        String key = r.json().get("key").asText();
        assertThat(key).matches(co.plugkit.secret.ApiKeySecret.CHECKSUMMED_REGEX);
        ApiClient host = server.anonymousClient().withKey(key);
        String profile = host.createProfile("Jane");
        assertThat(server.defaultWorkspaceClient()
                        .get("/v1/profiles/" + profile)
                        .status())
                .as("the default workspace: the server's own key sees it")
                .isEqualTo(200);
        JsonNode keys = host.get("/v1/api-keys").json().get("data");
        assertThat(keys.findValuesAsText("id")).contains(r.json().get("id").asText());
        assertThat(host.get("/v1/api-keys").body()).doesNotContain(key);
    }

    @Test
    void aKeyForAnotherWorkspaceWorksInThatWorkspaceOnly() {
        JsonNode created = admin().post(PATH, "{\"name\":\"Tenant\"}").json();
        String workspace = created.get("workspace").get("id").asText();

        Response r = admin().post(PATH + "/" + workspace + "/api-keys", "{\"name\":\"second\"}");

        assertThat(r.status()).isEqualTo(201);
        ApiClient second = server.anonymousClient().withKey(r.json().get("key").asText());
        ApiClient first = server.anonymousClient().withKey(created.get("apiKey").asText());
        String profile = second.createProfile("Jane");
        assertThat(first.get("/v1/profiles/" + profile).status()).isEqualTo(200);
        assertError(server.defaultWorkspaceClient().get("/v1/profiles/" + profile), 404, "profile_not_found");
    }

    @Test
    void aKeyForAWorkspaceThatDoesNotExistIs404AndCreatesNothing() throws SQLException {
        int workspacesBefore = workspaceCount();
        for (String id : List.of("ws_000000000000000000000000", "nope", "ws_default%20")) {
            Response r = admin().post(PATH + "/" + id + "/api-keys", "{\"name\":\"x\"}");
            assertError(r, 404, "workspace_not_found");
            assertThat(r.body()).doesNotContain("sk_");
        }
        assertThat(workspaceCount()).isEqualTo(workspacesBefore);
        assertBadParameter(admin().post(PATH + "/ws_default/api-keys", "{}"), "name");
        assertError(admin().get(PATH + "/ws_default/api-keys"), 405, "method_not_allowed");
        assertError(admin().post(PATH + "/ws_default/keys", "{\"name\":\"x\"}"), 404, "not_found");
        Response anonymous = server.anonymousClient()
                .withKey(server.defaultWorkspaceClient().apiKey())
                .post(PATH + "/ws_default/api-keys", "{\"name\":\"x\"}");
        assertUnauthorized(anonymous);
        assertThat(anonymous.body()).doesNotContain("sk_");
    }

    @Test
    void withoutAnAdminTokenTheRouteIsAbsent() throws Exception {
        MutableClock ownClock = MutableClock.startingNow();
        try (FakeInstagram ownInstagram = new FakeInstagram(ownClock);
                PlugKitServer noAdmin = PlugKitServer.start(
                        ownInstagram, ownClock, PlugKitServer.h2InMemory(), "", b -> b.adminToken(null))) {
            ApiClient withToken = noAdmin.anonymousClient().withKey(TestKeys.ADMIN_TOKEN);

            // No PlugKit servlet answers (none sets X-Request-Id): the container's own answer for an unmapped
            // path, which for a POST in a bare Jetty context is 405 rather than 404.
            for (Response r : List.of(
                    withToken.post(PATH, "{\"name\":\"x\"}"),
                    noAdmin.anonymousClient().post(PATH, "{\"name\":\"x\"}"),
                    withToken.post(PATH + "/", "{\"name\":\"x\"}"))) {
                assertThat(r.status()).isIn(404, 405);
                assertThat(r.header("X-Request-Id")).isEmpty();
                assertThat(r.body()).doesNotContain("sk_").doesNotContain("apiKey");
            }
            assertThat(withToken.get(PATH).status()).isEqualTo(404);
            assertThat(withToken.get(PATH).header("X-Request-Id")).isEmpty();
            assertThat(noAdmin.anonymousClient().get("/v1/health").status()).isEqualTo(200);
        }
    }

    private ApiClient admin() {
        return server.anonymousClient().withKey(TestKeys.ADMIN_TOKEN);
    }

    private Response post(String authorization) {
        byte[] body = "{\"name\":\"Intruder\"}".getBytes(StandardCharsets.UTF_8);
        return authorization == null
                ? RawRequests.send(server.baseUrl(), "POST", PATH, body, "Content-Type", "application/json")
                : RawRequests.send(
                        server.baseUrl(),
                        "POST",
                        PATH,
                        body,
                        "Content-Type",
                        "application/json",
                        "Authorization",
                        authorization);
    }
}
