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
 * The sandbox answers PlugKit's Graph API proxy: publishing, media, comments, messages and insights over
 * real HTTP, Instagram's error shapes for bad input, and the graph_190 and graph_throttled fault switches.
 */
class SandboxGraphProxyHttpTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String ACME = "17841400000000101";

    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        server = PlugKitServer.startSandbox(Clock.systemUTC(), "", new PlugKitSandbox());
        client = server.defaultWorkspaceClient();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void publishAnImageThenSeeItAmongTheMedia() throws Exception {
        String graph = "/v1/accounts/" + connect(Map.of()) + "/instagram";

        Response container = send(
                "POST",
                graph + "/" + ACME + "/media",
                "application/x-www-form-urlencoded",
                "image_url=" + enc("https://example.com/cup.jpg") + "&caption=" + enc("New roast #coffee"));
        assertThat(container.status()).as(container.body()).isEqualTo(200);
        String containerId = container.json().get("id").asText();
        assertThat(client.get(graph + "/" + containerId + "?fields=status_code")
                        .json()
                        .get("status_code")
                        .asText())
                .isEqualTo("FINISHED");

        Response published = send(
                "POST",
                graph + "/" + ACME + "/media_publish",
                "application/json",
                "{\"creation_id\":\"" + containerId + "\"}");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        String mediaId = published.json().get("id").asText();

        JsonNode media = client.get(graph + "/me/media?fields=id,caption,media_url")
                .json()
                .get("data");
        assertThat(media.get(0).get("id").asText()).isEqualTo(mediaId);
        assertThat(media.get(0).get("caption").asText()).isEqualTo("New roast #coffee");
        assertThat(media).hasSize(2);
        assertThat(send(
                                "POST",
                                graph + "/" + ACME + "/media_publish",
                                "application/json",
                                "{\"creation_id\":\"" + containerId + "\"}")
                        .json()
                        .get("error")
                        .get("code")
                        .asInt())
                .as("a container publishes once")
                .isEqualTo(9007);
    }

    @Test
    void commentsRepliesConversationsMessagesAndInsights() throws Exception {
        String graph = "/v1/accounts/" + connect(Map.of()) + "/instagram";
        String mediaId = client.get(graph + "/me/media")
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asText();

        JsonNode comment = client.get(graph + "/" + mediaId + "/comments")
                .json()
                .get("data")
                .get(0);
        Response reply = send(
                "POST",
                graph + "/" + comment.get("id").asText() + "/replies",
                "application/x-www-form-urlencoded",
                "message=" + enc("Thanks! In our shop."));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);

        assertThat(client.get(graph + "/me/conversations?platform=instagram")
                        .json()
                        .get("data"))
                .hasSize(1);
        Response dm = send(
                "POST",
                graph + "/me/messages",
                "application/json",
                "{\"recipient\":{\"id\":\"1254459154682919\"},\"message\":{\"text\":\"Hello!\"}}");
        assertThat(dm.status()).as(dm.body()).isEqualTo(200);
        assertThat(dm.json().get("recipient_id").asText()).isEqualTo("1254459154682919");

        JsonNode insights = client.get(graph + "/" + ACME + "/insights?metric=reach,follower_count&period=day")
                .json()
                .get("data");
        assertThat(insights).hasSize(2);
        assertThat(insights.get(0).get("name").asText()).isEqualTo("reach");
    }

    @Test
    void badInputGetsInstagramsErrorShape() throws Exception {
        String graph = "/v1/accounts/" + connect(Map.of()) + "/instagram";

        Response noImage =
                send("POST", graph + "/" + ACME + "/media", "application/x-www-form-urlencoded", "caption=x");
        assertThat(noImage.status()).isEqualTo(400);
        JsonNode error = noImage.json().get("error");
        assertThat(error.get("type").asText()).isEqualTo("OAuthException");
        assertThat(error.get("code").asInt()).isEqualTo(100);
        assertThat(error.get("message").asText()).contains("image_url");
        assertThat(error.get("fbtrace_id").asText()).isNotBlank();

        Response other = client.get(graph + "/17841400000000102/media");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("error").get("error_subcode").asInt()).isEqualTo(33);
        assertThat(client.get(graph + "/" + ACME + "/insights")
                        .json()
                        .get("error")
                        .get("code")
                        .asInt())
                .isEqualTo(100);
    }

    @Test
    void theGraph190FaultMarksTheAccountForReconnecting() throws Exception {
        String id = connect(Map.of("sandbox_fault", "graph_190"));

        Response rejected = client.get("/v1/accounts/" + id + "/instagram/me/media");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("error").get("code").asInt()).isEqualTo(190);
        JsonNode account = client.get("/v1/accounts/" + id).json();
        assertThat(account.get("status").asText()).isEqualTo("needs_reconnect");
        assertThat(account.get("statusReason").asText()).isEqualTo("password_changed");
        assertThat(client.get("/v1/accounts/" + id + "/instagram/me/media").status())
                .isEqualTo(409);
    }

    @Test
    void theThrottledFaultBecomes429WithRetryAfter() throws Exception {
        String id = connect(Map.of("sandbox_fault", "graph_throttled"));

        Response throttled = client.get("/v1/accounts/" + id + "/instagram/me/media");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).contains("300");
        assertThat(throttled.header("X-Business-Use-Case-Usage").orElseThrow()).contains(ACME);
        assertThat(throttled.json().get("error").get("code").asInt()).isEqualTo(80002);
        assertThat(client.get("/v1/accounts/" + id).json().get("status").asText())
                .isEqualTo("active");
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private Response send(String method, String path, String contentType, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + client.apiKey())
                        .header("Content-Type", contentType)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r);
    }

    /** Connects @acme_coffee through the sandbox's consent form, with extra choices; returns the account id. */
    private String connect(Map<String, String> choice) throws Exception {
        String profileId = client.createProfile("Jane");
        URI authUrl = URI.create(client.connect(profileId).json().get("authUrl").asText());
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : authUrl.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        form.put("decision", "allow");
        form.put("account", "acme_coffee");
        form.putAll(choice);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> redirect = HTTP.send(
                HttpRequest.newBuilder(URI.create(authUrl.toString().split("\\?")[0]))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        Response page = ApiClient.browse(URI.create(
                redirect.headers().firstValue("Location").orElseThrow().split("#")[0]));
        assertThat(page.body()).contains("is connected");
        return client.get("/v1/accounts?profileId=" + profileId)
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asText();
    }
}
