package co.plugkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PlugKit in sandbox mode over real HTTP: the connect flow goes through NimbusInstagramClient to the
 * sandbox's endpoints, and every fault switch ends on PlugKit's own error handling with nothing stored.
 */
class SandboxConnectHttpTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        server = PlugKitServer.startSandbox(Clock.systemUTC(), "/plugkit", new PlugKitSandbox());
        client = server.defaultWorkspaceClient();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theAuthUrlPointsAtTheSandboxWhosePageShowsThePermissionsAndAccounts() throws Exception {
        String profileId = client.createProfile("Jane");
        String authUrl = client.connect(profileId).json().get("authUrl").asText();
        assertThat(authUrl).startsWith(server.baseUrl() + "/sandbox/instagram/oauth/authorize?");

        Response page = ApiClient.browse(URI.create(authUrl));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(page.body())
                .contains(
                        "instagram_business_basic",
                        "Access your profile and media",
                        "@acme_coffee",
                        "@luna.creates",
                        "id=\"allow\"",
                        "id=\"cancel\"",
                        "id=\"fault-revoked_token\"");
    }

    @Test
    void allowConnectsTheChosenAccountInBothShapes() throws Exception {
        String profileId = client.createProfile("Jane");
        Response page = decide(profileId, Map.of("decision", "allow", "account", "luna.creates"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@luna.creates is connected");

        Response again =
                decide(profileId, Map.of("decision", "allow", "account", "luna.creates", "sandbox_shape", "data"));
        assertThat(again.body()).contains("@luna.creates is connected");

        JsonNode accounts =
                client.get("/v1/accounts?profileId=" + profileId).json().get("data");
        assertThat(accounts).hasSize(1);
        JsonNode account = accounts.get(0);
        assertThat(account.get("externalId").asText()).isEqualTo("17841400000000102");
        assertThat(account.get("accountType").asText()).isEqualTo("MEDIA_CREATOR");
        assertThat(account.get("status").asText()).isEqualTo("active");
        String picture = account.get("profilePictureUrl").asText();
        assertThat(picture).isEqualTo(server.baseUrl() + "/sandbox/instagram/pictures/luna.creates.svg");
        assertThat(ApiClient.browse(URI.create(picture)).body()).startsWith("<svg");
    }

    @Test
    void cancelEndsOnAccessDenied() throws Exception {
        String profileId = client.createProfile("Jane");
        Response page = decide(profileId, Map.of("decision", "cancel"));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("\"error\":\"access_denied\"");
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    @Test
    void everyFaultEndsOnPlugKitsErrorHandlingWithNothingStored() throws Exception {
        Map<String, String> expected = Map.of(
                "server_error", "instagram_unavailable",
                "slow", "instagram_unavailable",
                "expired_code", "instagram_rejected",
                "revoked_token", "instagram_rejected");
        String profileId = client.createProfile("Jane");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            long started = System.nanoTime();
            Response page = decide(
                    profileId, Map.of("decision", "allow", "account", "acme_coffee", "sandbox_fault", e.getKey()));
            assertThat(page.body()).as(e.getKey()).contains("\"error\":\"" + e.getValue() + "\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as(e.getKey())
                    .isLessThan(Duration.ofSeconds(8));
        }
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    @Test
    void anAccountThatIsNotATesterGetsInstagramsErrorPageAndTheConnectExpiresWithTheHint() throws Exception {
        co.plugkit.testing.MutableClock clock = co.plugkit.testing.MutableClock.startingNow();
        try (PlugKitServer timed = PlugKitServer.startSandbox(clock, "/plugkit", new PlugKitSandbox())) {
            ApiClient c = timed.defaultWorkspaceClient();
            JsonNode started = c.connect(c.createProfile("Jane")).json();
            URI authUrl = URI.create(started.get("authUrl").asText());
            assertThat(ApiClient.browse(authUrl).body()).contains("@sam_not_a_tester", "not an Instagram Tester");

            HttpResponse<String> page = submit(authUrl, Map.of("decision", "allow", "account", "sam_not_a_tester"));

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Location")).isEmpty();
            assertThat(page.body()).contains("Insufficient Developer Role");
            String status = "/v1/connect/sessions/" + started.get("sessionId").asText();
            assertThat(c.get(status).json().get("status").asText()).isEqualTo("pending");

            clock.advance(Duration.ofMinutes(10).plusSeconds(1));
            JsonNode expired = c.get(status).json();
            assertThat(expired.get("status").asText()).isEqualTo("expired");
            assertThat(expired.get("code").asText()).isEqualTo("no_callback");
            assertThat(expired.get("hint").asText()).contains("Instagram Tester");
            assertThat(c.get("/v1/accounts").json().get("data")).isEmpty();
        }
    }

    @Test
    void aFaultCanBePreselectedByQueryParameter() throws Exception {
        String authUrl = client.connect(client.createProfile("Jane"))
                .json()
                .get("authUrl")
                .asText();
        Response page = ApiClient.browse(URI.create(authUrl + "&sandbox_fault=revoked_token"));
        assertThat(page.body()).contains("id=\"fault-revoked_token\" value=\"revoked_token\" checked");
    }

    @Test
    void theSandboxIsOffByDefault() throws Exception {
        try (PlugKitServer plain = PlugKitServer.start(
                new co.plugkit.testing.FakeInstagram(Clock.systemUTC()),
                co.plugkit.testing.MutableClock.startingNow())) {
            assertThat(ApiClient.browse(URI.create(plain.baseUrl() + "/sandbox/instagram/oauth/authorize"))
                            .status())
                    .isEqualTo(404);
        }
    }

    /** Asks for an authorization URL, submits the consent form as a browser would, follows to the callback. */
    private Response decide(String profileId, Map<String, String> choice) throws Exception {
        URI authUrl = URI.create(client.connect(profileId).json().get("authUrl").asText());
        HttpResponse<String> redirect = submit(authUrl, choice);
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return ApiClient.browse(URI.create(location.split("#")[0]));
    }

    /** Submits the consent form of {@code authUrl} with {@code choice}, as a browser would. */
    private static HttpResponse<String> submit(URI authUrl, Map<String, String> choice) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : authUrl.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        form.putAll(choice);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> redirect = HTTP.send(
                HttpRequest.newBuilder(URI.create(authUrl.toString().split("\\?")[0]))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return redirect;
    }
}
