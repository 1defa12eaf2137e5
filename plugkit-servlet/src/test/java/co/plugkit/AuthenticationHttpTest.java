package co.plugkit;

import static co.plugkit.testing.ApiAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.RawRequests;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationHttpTest extends SharedServerTest {
    /** Every route that needs a key, with a method it serves. */
    private static final List<String[]> PROTECTED = List.of(
            new String[] {"GET", "/v1/api-keys"},
            new String[] {"POST", "/v1/api-keys"},
            new String[] {"DELETE", "/v1/api-keys/key_000000000000000000000000"},
            new String[] {"GET", "/v1/profiles"},
            new String[] {"POST", "/v1/profiles"},
            new String[] {"GET", "/v1/profiles/prof_000000000000000000000000"},
            new String[] {"GET", "/v1/connect/instagram?profileId=prof_000000000000000000000000"},
            new String[] {"GET", "/v1/accounts"},
            new String[] {"GET", "/v1/accounts/acc_000000000000000000000000"},
            new String[] {"DELETE", "/v1/accounts/acc_000000000000000000000000"});

    @Test
    void everyProtectedRouteWantsAKey() {
        for (String[] route : PROTECTED) {
            Response r = RawRequests.send(
                    server.baseUrl(),
                    route[0],
                    route[1],
                    route[0].equals("POST") ? "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8) : null,
                    "Content-Type",
                    "application/json");
            assertThat(r.status()).as("%s %s", route[0], route[1]).isEqualTo(401);
            assertUnauthorized(r);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer",
                "Bearer  ",
                "Basic dXNlcjpwYXNzd29yZA==",
                "Token sk_0000000000000000000000000000000000000000000000000000000000000000",
                "sk_0000000000000000000000000000000000000000000000000000000000000000",
                "Bearer sk_short",
                "Bearer sk_",
                "Bearer pk_0000000000000000000000000000000000000000000000000000000000000000",
                "Bearer sk_00000000000000000000000000000000000000000000000000000000000000000",
                "Bearer sk_000000000000000000000000000000000000000000000000000000000000000g",
                "Bearer sk_0000000000000000000000000000000000000000000000000000000000000000 extra",
                "Bearer Bearer sk_0000000000000000000000000000000000000000000000000000000000000000",
            })
    void malformedOrUnknownCredentialsGet401(String authorization) {
        for (String[] route : PROTECTED) {
            Response r = server.anonymousClient().raw(route[0], route[1], "Authorization", authorization);
            assertThat(r.status())
                    .as("%s %s with '%s'", route[0], route[1], authorization)
                    .isEqualTo(401);
            assertUnauthorized(r);
        }
    }

    @Test
    void aWellFormedButUnknownKeyGets401() {
        String unknown = "sk_" + "ab".repeat(32);

        Response r = server.anonymousClient().withKey(unknown).get("/v1/profiles");

        assertUnauthorized(r);
        assertThat(r.header("WWW-Authenticate")).get().asString().contains("invalid_token");
        assertThat(r.body()).doesNotContain(unknown);
    }

    @Test
    void theKeyIsCaseSensitive() {
        ApiClient client = newWorkspace();
        String key = client.apiKey();
        Response before = client.get("/v1/profiles");
        assertThat(before.status()).as(before.body()).isEqualTo(200);

        assertUnauthorized(client.withKey("sk_" + key.substring(3).toUpperCase(Locale.ROOT))
                .get("/v1/profiles"));
        assertUnauthorized(client.withKey(key.toUpperCase(Locale.ROOT)).get("/v1/profiles"));
        Response after = client.get("/v1/profiles");
        assertThat(after.status()).as(after.body()).isEqualTo(200);
    }

    /**
     * Two requests on one kept-alive connection: a container that caches header values case-insensitively
     * would hand PlugKit the first request's credential for the second.
     */
    @Test
    void theKeyIsCaseSensitiveOnAReusedConnectionToo() throws IOException {
        ApiClient client = newWorkspace();
        String key = client.apiKey();
        String upper = "sk_" + key.substring(3).toUpperCase(Locale.ROOT);

        assertThat(statusesOnOneConnection(key, upper)).containsExactly(200, 401);
        assertThat(statusesOnOneConnection(upper, key)).containsExactly(401, 200);
    }

    private List<Integer> statusesOnOneConnection(String... keys) throws IOException {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            requests.append("GET /v1/profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ")
                    .append(keys[i])
                    .append("\r\n")
                    .append(i == keys.length - 1 ? "Connection: close\r\n" : "")
                    .append("\r\n");
        }
        try (Socket socket =
                new Socket(server.baseUrl().getHost(), server.baseUrl().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return Pattern.compile("HTTP/1\\.1 (\\d{3}) ")
                    .matcher(answers)
                    .results()
                    .map(m -> Integer.parseInt(m.group(1)))
                    .toList();
        }
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        ApiClient client = newWorkspace();

        Response r = server.anonymousClient().raw("GET", "/v1/profiles", "Authorization", "bearer " + client.apiKey());

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void twoAuthorizationHeadersAreRefusedEvenIfBothAreValid() {
        ApiClient a = newWorkspace();
        ApiClient b = newWorkspace();

        assertUnauthorized(RawRequests.send(
                server.baseUrl(),
                "GET",
                "/v1/profiles",
                null,
                "Authorization",
                "Bearer " + a.apiKey(),
                "Authorization",
                "Bearer " + b.apiKey()));
        assertUnauthorized(RawRequests.send(
                server.baseUrl(),
                "GET",
                "/v1/profiles",
                null,
                "Authorization",
                "Bearer " + a.apiKey(),
                "Authorization",
                "Bearer " + a.apiKey()));
    }

    @Test
    void aKeyInTheQueryStringIsNotAccepted() {
        ApiClient client = newWorkspace();

        assertUnauthorized(server.anonymousClient().get("/v1/profiles?api_key=" + client.apiKey()));
        assertUnauthorized(server.anonymousClient().get("/v1/profiles?access_token=" + client.apiKey()));
    }

    @Test
    void aRevokedKeyGets401OnEveryRoute() {
        ApiClient client = newWorkspace();
        String keyId =
                client.get("/v1/api-keys").json().get("data").get(0).get("id").asText();
        assertThat(client.delete("/v1/api-keys/" + keyId).status()).isEqualTo(204);

        for (String[] route : PROTECTED) {
            Response r = RawRequests.send(
                    server.baseUrl(),
                    route[0],
                    route[1],
                    route[0].equals("POST") ? "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8) : null,
                    "Content-Type",
                    "application/json",
                    "Authorization",
                    "Bearer " + client.apiKey());
            assertThat(r.status()).as("%s %s", route[0], route[1]).isEqualTo(401);
            assertUnauthorized(r);
        }
    }

    @Test
    void theAdminTokenIsNoApiKey() {
        assertUnauthorized(server.anonymousClient()
                .withKey(co.plugkit.testing.TestKeys.ADMIN_TOKEN)
                .get("/v1/profiles"));
    }

    @Test
    void aVeryLongCredentialIsRefusedCalmly() {
        Response r = server.anonymousClient().raw("GET", "/v1/profiles", "Authorization", "Bearer " + "a".repeat(4000));

        assertUnauthorized(r);
        assertThat(r.body()).doesNotContain("aaaaaaaaaa");
    }
}
