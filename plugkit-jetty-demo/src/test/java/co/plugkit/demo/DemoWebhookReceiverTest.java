package co.plugkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.Eventually;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as its own webhook receiver, over real HTTP: it may register its {@code http://localhost}
 * receiver as an endpoint, takes the endpoint's secret from the page (JSON, same origin only), and lists
 * what PlugKit sent with the reference library's signature check; a forged delivery is listed as invalid
 * and refused.
 */
class DemoWebhookReceiverTest {
    private static final Pattern API_KEY = Pattern.compile(co.plugkit.secret.ApiKeySecret.ACCEPTED_REGEX);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private DemoServer demo;

    @AfterEach
    void stop() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void registersItselfAndListsATestEventWithAValidSignatureAndAForgedOneAsInvalid() throws Exception {
        ApiClient client = start(new HashMap<>());
        JsonNode session =
                ApiClient.browse(URI.create(demo.publicUrl() + "/demo/session")).json();
        String receiver = session.get("webhookReceiverUrl").asText();
        assertThat(receiver).isEqualTo(demo.publicUrl() + "/demo/webhooks/receiver");

        Response created = client.post("/v1/webhook-endpoints", "{\"url\":\"" + receiver + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String endpointId = created.json().get("id").asText();
        String secret = created.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");

        // Only a JSON body from this origin hands over a secret, and only a Standard Webhooks one.
        assertThat(postSecret("text/plain", null, secret)).isEqualTo(403);
        assertThat(postSecret("application/json", "cross-site", secret)).isEqualTo(403);
        assertThat(postSecret("application/json", "same-origin", "not-a-secret"))
                .isEqualTo(400);
        assertThat(postSecret("application/json", "same-origin", secret)).isEqualTo(204);

        assertThat(client.post("/v1/webhook-endpoints/" + endpointId + "/test", "")
                        .status())
                .isBetween(200, 299);
        Eventually.until(Duration.ofSeconds(60), "the test event at the receiver", () -> events().size() >= 1);
        JsonNode event = events().get(0);
        assertThat(event.get("type").asText()).isEqualTo("webhook.test");
        assertThat(event.get("verified").asBoolean()).isTrue();
        assertThat(event.get("check").asText()).isEqualTo("valid");
        assertThat(event.get("webhookId").asText()).startsWith("evt_");
        assertThat(event.get("body").asText()).contains("\"type\":\"webhook.test\"", endpointId);

        // The same body with a signature PlugKit did not make: refused, and listed first as invalid.
        HttpResponse<String> forged = HTTP.send(
                HttpRequest.newBuilder(URI.create(receiver))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", event.get("webhookId").asText())
                        .header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                        .header("webhook-signature", "v1,bm90IHRoZSByaWdodCBzaWduYXR1cmUgYXQgYWxsIQ==")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                event.get("body").asText()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(400);
        JsonNode newest = events().get(0);
        assertThat(newest.get("verified").asBoolean()).isFalse();
        assertThat(newest.get("check").asText()).startsWith("invalid");

        String listed = ApiClient.browse(URI.create(demo.publicUrl() + "/demo/webhooks/events"))
                .body();
        assertThat(listed).doesNotContain(secret, secret.substring("whsec_".length()));
    }

    @Test
    void theDemoAllowsPrivateTargetsUnlessTheEnvironmentSaysOtherwise() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PLUGKIT_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "false");
        ApiClient client = start(env);
        Response refused =
                client.post("/v1/webhook-endpoints", "{\"url\":\"" + demo.publicUrl() + "/demo/webhooks/receiver\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("webhook_url_not_allowed");
    }

    private ApiClient start(Map<String, String> env) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        demo = DemoServer.createServer(0, env, dataDir, new PrintStream(console, true, StandardCharsets.UTF_8));
        demo.start();
        Matcher key = API_KEY.matcher(console.toString(StandardCharsets.UTF_8));
        assertThat(key.find()).isTrue();
        return new ApiClient(demo.publicUrl(), key.group());
    }

    private int postSecret(String contentType, String fetchSite, String secret) throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(demo.publicUrl() + "/demo/webhooks/secret"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"secret\":\"" + secret + "\"}"));
        if (fetchSite != null) {
            post.header("Sec-Fetch-Site", fetchSite);
        }
        return HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private JsonNode events() {
        return ApiClient.browse(URI.create(demo.publicUrl() + "/demo/webhooks/events"))
                .json()
                .get("data");
    }
}
