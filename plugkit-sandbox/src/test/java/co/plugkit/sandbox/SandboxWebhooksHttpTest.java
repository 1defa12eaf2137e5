package co.plugkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.model.Event;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.Eventually;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox playing Instagram's webhooks over real HTTP: Send a DM and Send a comment on its apps page
 * post a body signed as Meta signs it to PlugKit's real {@code POST /v1/webhooks/instagram}, which takes it
 * only with a valid {@code X-Hub-Signature-256}, and the host gets one {@code instagram.*} event per
 * workspace holding the account.
 */
class SandboxWebhooksHttpTest {
    /** PlugKitConfig's fixed sandbox app secret, used when no client secret is configured. */
    private static final String SANDBOX_APP_SECRET = "plugkit-sandbox-app-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private PlugKitServer server;
    private ApiClient client;
    private URI appsPage;

    @BeforeEach
    void start() {
        server = PlugKitServer.startSandbox(
                Clock.systemUTC(), "/plugkit", new PlugKitSandbox(), b -> b.listener(received::add));
        client = server.defaultWorkspaceClient();
        appsPage = URI.create(server.baseUrl() + "/sandbox/instagram/apps");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void sendADmBecomesOneInstagramMessageEventInEveryWorkspaceHoldingTheAccount() throws Exception {
        ApiClient other = server.newWorkspaceClient("Other");
        String mine = SandboxAppsBrowser.connect(client, "acme_coffee");
        String theirs = SandboxAppsBrowser.connect(other, "acme_coffee");
        String bystander = SandboxAppsBrowser.connect(client, "luna.creates");
        SandboxAppsBrowser.Page page = SandboxAppsBrowser.open(appsPage);
        assertThat(page.body()).contains("id=\"send-dm-acme_coffee\"", server.baseUrl() + "/v1/webhooks/instagram");

        HttpResponse<String> result = page.submit(Map.of("account", "acme_coffee", "webhook", "message"));
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body())
                .contains(
                        "id=\"webhook-result\" class=\"result ok\"",
                        "PlugKit accepted the webhook (HTTP 200)",
                        "<code>instagram.message</code>",
                        "&quot;object&quot;:&quot;instagram&quot;",
                        "&quot;messaging&quot;:")
                .doesNotContain(SANDBOX_APP_SECRET)
                .doesNotContainPattern("sha256=[0-9a-f]{64}");

        Eventually.until(
                Duration.ofSeconds(30),
                "two instagram.message events",
                () -> messages().size() >= 2);
        Thread.sleep(300); // a third event, were there one, would be written by now
        List<Event> messages = messages();
        assertThat(messages).hasSize(2);
        assertThat(messages.stream().map(e -> e.accountId().orElseThrow().value()))
                .containsExactlyInAnyOrder(mine, theirs)
                .doesNotContain(bystander);
        JsonNode data = JSON.readTree(messages.get(0).data());
        JsonNode entry = data.get("entry");
        assertThat(data.get("externalId").asText()).isEqualTo("17841400000000101");
        assertThat(entry.get("id").asText()).isEqualTo("17841400000000101");
        JsonNode item = entry.get("messaging").get(0);
        assertThat(item.get("recipient").get("id").asText()).isEqualTo("17841400000000101");
        assertThat(item.get("sender").get("id").asText()).isEqualTo(MetaWebhookPayloads.CUSTOMER_ID);
        assertThat(item.get("message").get("text").asText()).contains("@acme_coffee");
        assertThat(item.get("message").get("mid").asText()).isNotBlank();
        // Sent a webhook only: the account keeps its access, unlike Remove app.
        assertThat(client.get("/v1/accounts/" + mine).json().get("status").asText())
                .isEqualTo("active");
    }

    @Test
    void sendACommentBecomesAnInstagramCommentEventEachTimeItIsPressed() throws Exception {
        String accountId = SandboxAppsBrowser.connect(client, "northwind_outfitters");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> result = SandboxAppsBrowser.open(appsPage)
                    .submit(Map.of("account", "northwind_outfitters", "webhook", "comment"));
            assertThat(result.body()).contains("class=\"result ok\"", "<code>instagram.comment</code>");
        }

        // Each press is a new delivery (new ids and times), not a repeat PlugKit drops.
        Eventually.until(
                Duration.ofSeconds(30),
                "two instagram.comment events",
                () -> ofType("instagram.comment").size() >= 2);
        Event comment = ofType("instagram.comment").get(0);
        assertThat(comment.accountId().orElseThrow().value()).isEqualTo(accountId);
        JsonNode change =
                JSON.readTree(comment.data()).get("entry").get("changes").get(0);
        assertThat(change.get("field").asText()).isEqualTo("comments");
        assertThat(change.get("value").get("media").get("id").asText()).isEqualTo("1784140000000010301");
        assertThat(change.get("value").get("from").get("username").asText())
                .isEqualTo(MetaWebhookPayloads.CUSTOMER_USERNAME);
        assertThat(change.get("value").get("text").asText()).isNotBlank();
        assertThat(messages()).isEmpty();
    }

    @Test
    void anAccountThatDoesNotUseTheAppGetsNoButtonsAndNoWebhook() throws Exception {
        SandboxAppsBrowser.Page page = SandboxAppsBrowser.open(appsPage);
        assertThat(page.body()).contains("id=\"remove-app-luna.creates\"").doesNotContain("id=\"send-dm-");

        HttpResponse<String> forced = page.submit(Map.of("account", "luna.creates", "webhook", "message"));
        assertThat(forced.statusCode()).isEqualTo(409);
        assertThat(forced.body())
                .contains("@luna.creates has not connected the app")
                .doesNotContain("webhook-result");
        HttpResponse<String> unknown = page.submit(Map.of("account", "luna.creates", "webhook", "story"));
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void aFormWithoutTheRightTokenSendsNothing() throws Exception {
        SandboxAppsBrowser.connect(client, "acme_coffee");
        SandboxAppsBrowser.Page page = SandboxAppsBrowser.open(appsPage);
        HttpResponse<String> refused = new SandboxAppsBrowser.Page(appsPage, page.body(), null)
                .submit(Map.of("account", "acme_coffee", "webhook", "message"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("webhook-result");
        // A real webhook afterwards arrives, so an event from the refused form would have arrived as well.
        page.submit(Map.of("account", "acme_coffee", "webhook", "comment"));
        Eventually.until(
                Duration.ofSeconds(30),
                "the comment",
                () -> !ofType("instagram.comment").isEmpty());
        assertThat(messages()).isEmpty();
    }

    private List<Event> messages() {
        return ofType("instagram.message");
    }

    private List<Event> ofType(String type) {
        return received.stream().filter(e -> e.type().equals(type)).toList();
    }
}
