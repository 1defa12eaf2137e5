package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.crypto.HubSignature;
import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.secret.Secret;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.OpenApiContract;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestKeys;
import co.plugkit.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docs/openapi.yaml against the running server: every described operation is called for real, its
 * request and answer validated by swagger-request-validator (success and error shapes), and the last test
 * checks that none was left out. Own server and clock: the refresh needs the clock moved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiValidationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;
    private ApiClient anonymous;
    private ApiClient admin;
    private WebhookReceiver receiver;
    private static final String VERIFY_TOKEN = "openapi-verify-token";
    private final OpenApiContract contract = new OpenApiContract("");

    @BeforeAll
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        receiver = new WebhookReceiver();
        // Tokens exposed and private webhook targets allowed so that those routes answer here; a verify
        // token so that Meta's handshake can succeed.
        server = PlugKitServer.start(
                instagram,
                clock,
                PlugKitServer.h2InMemory(),
                "",
                b -> b.exposeTokens(true).webhookVerifyToken(VERIFY_TOKEN).webhooksAllowPrivateTargets(true));
        client = server.newWorkspaceClient("OpenAPI");
        anonymous = server.anonymousClient();
        admin = anonymous.withKey(TestKeys.ADMIN_TOKEN);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        receiver.close();
        instagram.close();
    }

    @Test
    @Order(1)
    void healthAndTheDescriptionItself() {
        contract.assertConforms(anonymous.get("/v1/health"));
        assertThat(contract.assertConforms(anonymous.raw("HEAD", "/v1/health")).status())
                .isEqualTo(200);
        Response description = contract.assertConforms(anonymous.get("/v1/openapi.json"));
        assertThat(description.status()).isEqualTo(200);
        assertThat(description.header("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(description.json()).isEqualTo(OpenApiContract.description());
        assertThat(description.json().get("openapi").asText()).isEqualTo("3.1.0");
        contract.assertResponseConforms(anonymous.raw("DELETE", "/v1/health"));
    }

    @Test
    @Order(2)
    void apiKeys() {
        String body = "{\"name\":\"ci\",\"expiresAt\":\"" + clock.instant().plus(Duration.ofDays(30)) + "\"}";
        Response created = contract.assertConforms(client.post("/v1/api-keys", body), body);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(contract.assertConforms(client.get("/v1/api-keys")).status()).isEqualTo(200);
        Response rolled = contract.assertConforms(
                client.post("/v1/api-keys/" + id + "/roll", "{\"gracePeriodSeconds\":0}"),
                "{\"gracePeriodSeconds\":0}");
        assertThat(rolled.status()).isEqualTo(201);
        String newId = rolled.json().get("id").asText();
        assertThat(contract.assertConforms(client.delete("/v1/api-keys/" + newId))
                        .status())
                .isEqualTo(204);

        assertError(contract.assertResponseConforms(anonymous.get("/v1/api-keys")), 401);
        assertError(contract.assertResponseConforms(client.post("/v1/api-keys", "{}")), 400);
        assertError(contract.assertResponseConforms(client.delete("/v1/api-keys/" + newId)), 404);
        assertError(contract.assertResponseConforms(client.post("/v1/api-keys/key_nope/roll", "{}")), 404);
        assertError(contract.assertResponseConforms(client.get("/v1/api-keys/" + id)), 405);
    }

    @Test
    @Order(3)
    void profiles() {
        Response created =
                contract.assertConforms(client.post("/v1/profiles", "{\"name\":\"Jane\"}"), "{\"name\":\"Jane\"}");
        assertThat(created.status()).isEqualTo(201);
        client.createProfile("Joe");
        Response page = contract.assertConforms(client.get("/v1/profiles?limit=1"));
        assertThat(page.json().get("nextCursor").isTextual()).isTrue();
        Response last = contract.assertConforms(client.get("/v1/profiles?limit=100&cursor="
                + ApiClient.encode(page.json().get("nextCursor").asText())));
        assertThat(last.json().get("nextCursor").isNull()).isTrue();
        contract.assertConforms(
                client.get("/v1/profiles/" + created.json().get("id").asText()));

        assertError(contract.assertResponseConforms(client.get("/v1/profiles/prof_000000000000000000000000")), 404);
        assertError(contract.assertResponseConforms(client.get("/v1/profiles?limit=0")), 400);
        assertError(contract.assertResponseConforms(client.get("/v1/profiles?cursor=garbage")), 400);
        assertError(contract.assertResponseConforms(client.post("/v1/profiles", "[1]")), 400);
        assertError(contract.assertResponseConforms(client.raw("PATCH", "/v1/profiles")), 405);
    }

    @Test
    @Order(4)
    void connectAndCallback() {
        String profile = client.createProfile("Connect");
        Response started = contract.assertConforms(client.connect(profile));
        assertThat(started.status()).isEqualTo(200);
        Response authorize =
                ApiClient.browseOnce(URI.create(started.json().get("authUrl").asText()));
        Response callback = contract.assertConforms(ApiClient.browseOnce(ApiClient.callbackUrl(authorize)));
        assertThat(callback.status()).isEqualTo(303);
        Response page = contract.assertConforms(ApiClient.browseOnce(ApiClient.callbackUrl(authorize)
                .resolve(callback.header("Location").orElseThrow())));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("is connected");
        URI callbackUri = URI.create(server.baseUrl() + "/v1/connect/instagram/callback");
        Response incomplete = contract.assertConforms(ApiClient.browseOnce(callbackUri));
        assertThat(incomplete.status()).isEqualTo(303);
        Response incompletePage = contract.assertConforms(ApiClient.browseOnce(
                callbackUri.resolve(incomplete.header("Location").orElseThrow())));
        assertThat(incompletePage.body()).doesNotContain("is connected");
        Response head = contract.assertConforms(anonymous.raw("HEAD", "/v1/connect/instagram/callback?code=c&state=s"));
        assertThat(head.status()).isEqualTo(200);

        assertError(contract.assertResponseConforms(client.get("/v1/connect/instagram")), 400);
        assertError(contract.assertResponseConforms(client.connect("prof_000000000000000000000000")), 404);
        assertError(
                contract.assertResponseConforms(client.get("/v1/connect/instagram?profileId=" + profile
                        + "&redirectUrl=" + ApiClient.encode("https://evil.example/"))),
                400);
        assertError(contract.assertResponseConforms(anonymous.connect(profile)), 401);

        String session = started.json().get("sessionId").asText();
        Response status = contract.assertConforms(client.get("/v1/connect/sessions/" + session));
        assertThat(status.json().get("status").asText()).isEqualTo("connected");
        Response pending = contract.assertConforms(client.get("/v1/connect/sessions/"
                + client.connect(profile).json().get("sessionId").asText()));
        assertThat(pending.json().get("status").asText()).isEqualTo("pending");
        assertError(contract.assertResponseConforms(client.get("/v1/connect/sessions/cs_forged")), 404);
        assertError(contract.assertResponseConforms(anonymous.get("/v1/connect/sessions/" + session)), 401);
    }

    @Test
    @Order(5)
    void accounts() {
        String profile = client.createProfile("Accounts");
        client.connectThroughBrowser(profile, Optional.empty());
        Response list = contract.assertConforms(client.get("/v1/accounts?profileId=" + profile + "&limit=10"));
        String id = list.json().get("data").get(0).get("id").asText();
        contract.assertConforms(client.get("/v1/accounts/" + id));
        assertError(contract.assertResponseConforms(client.post("/v1/accounts/" + id + "/refresh", "")), 409);
        clock.advance(Duration.ofDays(2));
        Response refreshed = contract.assertConforms(client.post("/v1/accounts/" + id + "/refresh", ""));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("lastRefreshedAt").isTextual()).isTrue();

        Response token = contract.assertConforms(client.get("/v1/accounts/" + id + "/token"));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.header("Cache-Control").orElseThrow()).isEqualTo("no-store");
        Response me = contract.assertConforms(client.get("/v1/accounts/" + id + "/instagram/me?fields=id,username"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").isTextual()).isTrue();
        String caption = "caption=OpenAPI";
        Response media = contract.assertConforms(
                client.send(
                        "POST",
                        "/v1/accounts/" + id + "/instagram/"
                                + me.json().get("id").asText() + "/media",
                        "application/x-www-form-urlencoded",
                        caption),
                caption);
        assertThat(media.status()).as(media.body()).isLessThan(500);
        Response removed =
                contract.assertConforms(client.delete("/v1/accounts/" + id + "/instagram/17900000000000001"));
        assertThat(removed.status()).as(removed.body()).isLessThan(500);
        Response mediaList = contract.assertConforms(client.get("/v1/accounts/" + id + "/instagram/me/media?limit=5"));
        assertThat(mediaList.status()).as(mediaList.body()).isEqualTo(200);
        Response hide = contract.assertConforms(
                client.send(
                        "POST",
                        "/v1/accounts/" + id + "/instagram/17900000000000001",
                        "application/x-www-form-urlencoded",
                        "hide=true"),
                "hide=true");
        assertThat(hide.status()).as(hide.body()).isLessThan(500);
        assertError(
                contract.assertResponseConforms(client.get("/v1/accounts/" + id + "/instagram/me?access_token=x")),
                400);
        assertError(
                contract.assertResponseConforms(client.get("/v1/accounts/acc_000000000000000000000000/token")), 404);
        assertThat(contract.assertConforms(client.delete("/v1/accounts/" + id)).status())
                .isEqualTo(204);

        assertError(contract.assertResponseConforms(client.get("/v1/accounts/" + id)), 404);
        assertError(contract.assertResponseConforms(client.delete("/v1/accounts/" + id)), 404);
        assertError(contract.assertResponseConforms(client.get("/v1/accounts?profileId=nope")), 400);
        assertError(contract.assertResponseConforms(client.get("/v1/accounts/" + id + "/nothing")), 404);
    }

    @Test
    @Order(6)
    void manualConnect() {
        String profile = client.createProfile("Manual");
        IgAccount account = IgAccount.business("17841400000000321", "manual");
        String body = "{\"platform\":\"INSTAGRAM\",\"profileId\":\"" + profile + "\",\"externalId\":\""
                + account.userId() + "\",\"username\":\"manual\",\"displayName\":\"Manual\",\"accessToken\":\""
                + instagram.generateToken(account) + "\",\"metadata\":{\"crm\":42}}";
        Response created = contract.assertConforms(client.post("/v1/accounts/connect", body), body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("metadata").get("crm").asInt()).isEqualTo(42);

        String rejected = body.replaceAll("\"accessToken\":\"[^\"]*\"", "\"accessToken\":\"IGAAnotatoken\"");
        assertError(contract.assertResponseConforms(client.post("/v1/accounts/connect", rejected)), 422);
        assertError(contract.assertResponseConforms(client.post("/v1/accounts/connect", "{}")), 400);
    }

    @Test
    @Order(7)
    void metaCallbacks() throws Exception {
        String signed = SignedRequest.sign(
                Secret.of(FakeInstagram.CLIENT_SECRET),
                "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1291836800,\"user_id\":\"17841400000000777\"}");
        String form = "signed_request=" + URLEncoder.encode(signed, StandardCharsets.UTF_8);
        Response deauthorized = contract.assertConforms(form("/v1/connect/instagram/deauthorize", form), form);
        assertThat(deauthorized.status()).isEqualTo(200);
        Response deleted = contract.assertConforms(form("/v1/connect/instagram/data-deletion", form), form);
        assertThat(deleted.status()).isEqualTo(200);
        String code = deleted.json().get("confirmation_code").asText();
        String status = "/v1/connect/instagram/data-deletion/" + code;
        Response json = contract.assertConforms(anonymous.raw("GET", status, "Accept", "application/json"));
        assertThat(json.json().get("status").asText()).isEqualTo("completed");
        Response html = contract.assertConforms(anonymous.raw("GET", status, "Accept", "text/html"));
        assertThat(html.header("Content-Type").orElseThrow()).startsWith("text/html");

        String forged = SignedRequest.sign(
                Secret.of("not-the-app-secret"), "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1\"}");
        assertError(
                contract.assertResponseConforms(form(
                        "/v1/connect/instagram/deauthorize",
                        "signed_request=" + URLEncoder.encode(forged, StandardCharsets.UTF_8))),
                403);
        assertError(
                contract.assertResponseConforms(form("/v1/connect/instagram/data-deletion", "signed_request=x")), 400);
        assertError(
                contract.assertResponseConforms(anonymous.raw(
                        "GET", "/v1/connect/instagram/data-deletion/" + "0".repeat(32), "Accept", "application/json")),
                404);
    }

    @Test
    @Order(8)
    void webhookEndpoints() {
        String body = "{\"url\":\"" + receiver.url() + "\",\"events\":[\"account.connected\",\"instagram.message\"]}";
        Response created = contract.assertConforms(client.post("/v1/webhook-endpoints", body), body);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String all = "{\"url\":\"" + receiver.url() + "\"}";
        Response second = contract.assertConforms(client.post("/v1/webhook-endpoints", all), all);
        assertThat(second.json().get("events").isNull()).isTrue();
        String base = "/v1/webhook-endpoints/" + id;
        assertThat(contract.assertConforms(client.get("/v1/webhook-endpoints")).status())
                .isEqualTo(200);
        assertThat(contract.assertConforms(client.get(base)).status()).isEqualTo(200);
        Response test = contract.assertConforms(client.post(base + "/test", ""));
        assertThat(test.status()).isEqualTo(202);
        String delivery = test.json().get("deliveryId").asText();
        Response rolled = contract.assertConforms(client.post(base + "/roll-secret", ""));
        assertThat(rolled.json().get("secret").asText()).startsWith("whsec_");
        Response deliveries = contract.assertConforms(client.get(base + "/deliveries?limit=5"));
        assertThat(deliveries.json().get("data").get(0).get("id").asText()).isEqualTo(delivery);
        assertThat(contract.assertConforms(client.post("/v1/webhook-endpoints/deliveries/" + delivery + "/retry", ""))
                        .status())
                .isEqualTo(202);
        assertThat(contract.assertConforms(client.delete("/v1/webhook-endpoints/"
                                + second.json().get("id").asText()))
                        .status())
                .isEqualTo(204);

        assertError(
                contract.assertResponseConforms(client.post("/v1/webhook-endpoints", "{\"url\":\"ftp://x\"}")), 400);
        assertError(
                contract.assertResponseConforms(client.get("/v1/webhook-endpoints/we_000000000000000000000000")), 404);
        assertError(
                contract.assertResponseConforms(client.post("/v1/webhook-endpoints/deliveries/dlv_nope/retry", "")),
                404);
        assertError(contract.assertResponseConforms(client.get(base + "/deliveries?limit=0")), 400);
        assertError(contract.assertResponseConforms(anonymous.get("/v1/webhook-endpoints")), 401);
    }

    @Test
    @Order(9)
    void metaWebhooks() {
        Response verified = contract.assertConforms(anonymous.get("/v1/webhooks/instagram?hub.mode=subscribe"
                + "&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444"));
        assertThat(verified.body()).isEqualTo("1158201444");
        assertError(
                contract.assertResponseConforms(anonymous.get(
                        "/v1/webhooks/instagram?hub.mode=subscribe" + "&hub.verify_token=wrong&hub.challenge=1")),
                403);

        String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"17841400000000999\",\"time\":1733050000,"
                + "\"changes\":[{\"field\":\"comments\",\"value\":{\"id\":\"1\",\"text\":\"hi\"}}]}]}";
        String signature =
                HubSignature.sign(Secret.of(FakeInstagram.CLIENT_SECRET), body.getBytes(StandardCharsets.UTF_8));
        Response stored = contract.assertConforms(
                anonymous.send(
                        "POST", "/v1/webhooks/instagram", "application/json", body, "X-Hub-Signature-256", signature),
                body);
        assertThat(stored.status()).isEqualTo(200);
        assertError(
                contract.assertResponseConforms(
                        anonymous.send("POST", "/v1/webhooks/instagram", "application/json", body)),
                401);
        assertError(
                contract.assertResponseConforms(anonymous.send(
                        "POST",
                        "/v1/webhooks/instagram",
                        "application/json",
                        body,
                        "X-Hub-Signature-256",
                        "sha256=" + "0".repeat(64))),
                403);
    }

    @Test
    @Order(10)
    void adminRoutes() {
        String body = "{\"name\":\"Tenant\"}";
        Response workspace = contract.assertConforms(admin.post("/admin/v1/workspaces", body), body);
        assertThat(workspace.status()).isEqualTo(201);
        String id = workspace.json().get("workspace").get("id").asText();
        Response key = contract.assertConforms(admin.post("/admin/v1/workspaces/" + id + "/api-keys", body), body);
        assertThat(key.status()).isEqualTo(201);
        Response encryption = contract.assertConforms(admin.get("/admin/v1/encryption"));
        assertThat(encryption.status()).isEqualTo(200);

        assertError(contract.assertResponseConforms(client.post("/admin/v1/workspaces", body)), 401);
        assertError(contract.assertResponseConforms(admin.post("/admin/v1/workspaces", "{}")), 400);
        assertError(contract.assertResponseConforms(admin.post("/admin/v1/workspaces/ws_nope/api-keys", body)), 404);
        assertError(contract.assertResponseConforms(anonymous.get("/admin/v1/encryption")), 401);
    }

    @Test
    @Order(11)
    void auditEvents() {
        // The earlier steps created, rolled and deleted keys, connected accounts and changed endpoints.
        Response page = contract.assertConforms(client.get("/v1/audit-events?limit=2"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("data")).hasSize(2);
        assertThat(page.json().get("nextCursor").isTextual()).isTrue();
        Response rest = contract.assertConforms(client.get("/v1/audit-events?limit=100&cursor="
                + ApiClient.encode(page.json().get("nextCursor").asText())));
        assertThat(rest.json().get("data").size()).isGreaterThan(2);

        assertError(contract.assertResponseConforms(anonymous.get("/v1/audit-events")), 401);
        assertError(contract.assertResponseConforms(client.get("/v1/audit-events?limit=101")), 400);
        assertError(contract.assertResponseConforms(client.get("/v1/audit-events?cursor=garbage")), 400);
        assertError(contract.assertResponseConforms(client.raw("POST", "/v1/audit-events")), 405);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyDescribedOperationWasExercised() {
        assertThat(contract.unexercised())
                .as("operations of docs/openapi.yaml that no test of this class called successfully")
                .isEmpty();
    }

    private static void assertError(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.json().get("error");
        assertThat(error.get("requestId").asText())
                .isEqualTo(response.header("X-Request-Id").orElseThrow());
    }

    private Response form(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(answer.statusCode(), answer);
    }
}
