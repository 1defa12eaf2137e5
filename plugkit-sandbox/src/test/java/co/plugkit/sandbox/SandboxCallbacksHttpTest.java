package co.plugkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox playing Meta over real HTTP: its "Apps and websites" page sends the deauthorize and data
 * deletion callbacks to PlugKit's real callback URLs, and the accounts end disconnected or gone.
 */
class SandboxCallbacksHttpTest {
    private static final HttpClient HTTP = SandboxAppsBrowser.HTTP;
    /** PlugKitConfig's fixed sandbox app secret, used when no client secret is configured. */
    private static final String SANDBOX_APP_SECRET = "plugkit-sandbox-app-secret";

    private PlugKitServer server;
    private ApiClient client;
    private URI appsPage;

    @BeforeEach
    void start() {
        server = PlugKitServer.startSandbox(Clock.systemUTC(), "/plugkit", new PlugKitSandbox());
        client = server.defaultWorkspaceClient();
        appsPage = URI.create(server.baseUrl() + "/sandbox/instagram/apps");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void removeAppSendsTheDeauthorizeCallbackAndTheAccountEndsDisconnected() throws Exception {
        String accountId = connect(client, "acme_coffee");
        SandboxAppsBrowser.Page page = open();
        assertThat(page.body()).contains("id=\"app-acme_coffee\"", "app access: <span class=\"access\">granted");

        HttpResponse<String> result = page.submit(Map.of("account", "acme_coffee", "callback", "deauthorize"));
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body())
                .contains(
                        "id=\"callback-result\" class=\"result ok\"",
                        "PlugKit acknowledged the deauthorize callback (HTTP 200)",
                        server.baseUrl() + "/v1/connect/instagram/deauthorize",
                        "&quot;user_id&quot;:&quot;17841400000000101&quot;",
                        "&quot;algorithm&quot;:&quot;HMAC-SHA256&quot;");
        // Only the payload is shown: neither the signed request nor the app secret.
        assertThat(result.body())
                .doesNotContain(SANDBOX_APP_SECRET, "signed_request=")
                .doesNotContainPattern("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{20,}");
        // The sandbox revoked its tokens, as removing the app on Instagram does.
        assertThat(result.body())
                .contains("id=\"app-acme_coffee\"")
                .containsPattern("id=\"app-acme_coffee\".*?app access: <span class=\"access\">none");

        JsonNode account = client.get("/v1/accounts/" + accountId).json();
        assertThat(account.get("status").asText()).isEqualTo("disconnected");
        assertThat(client.post("/v1/accounts/" + accountId + "/refresh", "").status())
                .isEqualTo(409);
    }

    @Test
    void theAppScopedIdWorksToo() throws Exception {
        String accountId = connect(client, "northwind_outfitters");
        HttpResponse<String> result = open().submit(
                        Map.of("account", "northwind_outfitters", "callback", "deauthorize", "user_id", "app_scoped"));
        assertThat(result.body()).contains("&quot;user_id&quot;:&quot;27281358591558103&quot;", "class=\"result ok\"");
        assertThat(client.get("/v1/accounts/" + accountId).json().get("status").asText())
                .isEqualTo("disconnected");
    }

    @Test
    void deleteMyDataSendsTheDataDeletionCallbackAndTheAccountIsGoneInEveryWorkspace() throws Exception {
        ApiClient other = server.newWorkspaceClient("Other");
        String mine = connect(client, "luna.creates");
        String theirs = connect(other, "luna.creates");
        String bystander = connect(client, "acme_coffee");

        HttpResponse<String> result = open().submit(Map.of("account", "luna.creates", "callback", "data_deletion"));
        assertThat(result.body()).contains("class=\"result ok\"", "PlugKit deleted the data (HTTP 200)");
        Matcher code =
                Pattern.compile("id=\"confirmation-code\">([0-9a-f]{32})<").matcher(result.body());
        assertThat(code.find()).isTrue();
        String statusUrl = server.baseUrl() + "/v1/connect/instagram/data-deletion/" + code.group(1);
        assertThat(result.body()).contains("id=\"status-url\" href=\"" + statusUrl + "\"");

        assertThat(client.get("/v1/accounts/" + mine).status()).isEqualTo(404);
        assertThat(other.get("/v1/accounts/" + theirs).status()).isEqualTo(404);
        assertThat(client.get("/v1/accounts/" + bystander).json().get("status").asText())
                .isEqualTo("active");
        Response status = ApiClient.browse(URI.create(statusUrl));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).contains(code.group(1), "completed");
    }

    @Test
    void aFormWithoutTheRightTokenOrCookieChangesNothing() throws Exception {
        String accountId = connect(client, "acme_coffee");
        SandboxAppsBrowser.Page page = open();
        Map<String, String> form = Map.of("account", "acme_coffee", "callback", "deauthorize");

        HttpResponse<String> noCookie = new SandboxAppsBrowser.Page(appsPage, page.body(), null).submit(form);
        HttpResponse<String> otherCookie =
                new SandboxAppsBrowser.Page(appsPage, page.body(), "0123456789abcdef0123456789abcdef").submit(form);
        HttpResponse<String> wrongToken = new SandboxAppsBrowser.Page(
                        appsPage, page.body().replace(page.token(), "x" + page.token()), page.cookie())
                .submit(form);
        for (HttpResponse<String> refused : java.util.List.of(noCookie, otherCookie, wrongToken)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("This form has expired").doesNotContain("callback-result");
        }
        assertThat(client.get("/v1/accounts/" + accountId).json().get("status").asText())
                .isEqualTo("active");
    }

    @Test
    void thePageIsSelfContainedAndItsCookieStrict() throws Exception {
        HttpResponse<String> page =
                HTTP.send(HttpRequest.newBuilder(appsPage).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "form-action 'self'");
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow())
                .contains("Path=/plugkit/sandbox/instagram/apps", "HttpOnly", "SameSite=Strict");
        assertThat(page.body())
                .contains("id=\"remove-app-acme_coffee\"", "id=\"delete-data-luna.creates\"")
                .doesNotContain("<script", "src=\"http", "href=\"http")
                .contains("@northwind_outfitters");
        assertThat(page.body()).doesNotContain(SANDBOX_APP_SECRET, "signed_request=");
        HttpResponse<String> unknown = open().submit(Map.of("account", "nobody", "callback", "deauthorize"));
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    private static String connect(ApiClient as, String username) throws Exception {
        return SandboxAppsBrowser.connect(as, username);
    }

    private SandboxAppsBrowser.Page open() throws Exception {
        return SandboxAppsBrowser.open(appsPage);
    }
}
