package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.CapturedLogs;
import co.plugkit.testing.FakeGraph.Answer;
import co.plugkit.testing.FakeGraph.Call;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Graph API proxy over real HTTP, against the stand-in Instagram that records every Graph call. Every
 * answer of the suite and every log line is swept for the tokens the stand-in issued ({@link #sweep}).
 */
class GraphProxyHttpTest {
    private static final IgAccount ACME = IgAccount.business("17841400000000001", "acme");
    private static final IgAccount BETA = IgAccount.business("17841400000000002", "beta");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;
    private CapturedLogs logs;
    private final List<String> answers = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        logs = new CapturedLogs();
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(
                instagram,
                clock,
                PlugKitServer.h2InMemory(),
                "",
                b -> b.proxyTimeout(Duration.ofSeconds(2)).proxyMaxResponseBytes(64 * 1024));
        client = server.newWorkspaceClient("Acme");
    }

    /** No answer of the suite and no log line holds a token Instagram issued. */
    @AfterEach
    void sweep() throws Exception {
        try {
            List<String> tokens = List.copyOf(instagram.issuedLongLivedTokens());
            assertThat(tokens).isNotEmpty();
            for (String token : tokens) {
                assertThat(answers).noneMatch(a -> a.contains(token));
                assertThat(logs.lines()).noneMatch(line -> line.contains(token));
            }
        } finally {
            logs.close();
            server.close();
            instagram.close();
        }
    }

    private Response remember(Response r) {
        answers.add(r.status() + " " + r.raw().headers().map() + " " + r.body());
        return r;
    }

    private Response get(ApiClient as, String path) {
        return remember(as.get(path));
    }

    private Response send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + client.apiKey())
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return remember(new Response(r.statusCode(), r));
    }

    private String connect(IgAccount account) {
        instagram.approveAs(account);
        client.connectThroughBrowser(client.createProfile(account.username()), Optional.empty());
        for (JsonNode a : client.get("/v1/accounts").json().get("data")) {
            if (a.get("externalId").asText().equals(account.userId())) {
                return a.get("id").asText();
            }
        }
        throw new AssertionError("not connected: " + account);
    }

    private Call lastGraphCall() {
        List<Call> calls = instagram.graph().calls();
        assertThat(calls).isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    @Test
    void eachAccountsCallCarriesThatAccountsTokenAndNoneComesBack() {
        String acme = connect(ACME);
        String beta = connect(BETA);

        Response media = get(client, "/v1/accounts/" + acme + "/instagram/me/media?fields=id,caption&limit=5");
        assertThat(media.status()).isEqualTo(200);
        assertThat(media.json().get("data").get(0).get("caption").asText()).isEqualTo("first post of @acme");
        Call call = lastGraphCall();
        assertThat(call.path()).isEqualTo("/v25.0/me/media");
        assertThat(call.query()).isEqualTo("fields=id%2Ccaption&limit=5");
        assertThat(instagram.accountOf(call.token())).contains(ACME);

        assertThat(get(client, "/v1/accounts/" + beta + "/instagram/me/media")
                        .json()
                        .get("data")
                        .get(0)
                        .get("caption")
                        .asText())
                .isEqualTo("first post of @beta");
        assertThat(instagram.accountOf(lastGraphCall().token())).contains(BETA);
        assertThat(instagram.requestLines())
                .as("the token travels in a header, never in a URL")
                .noneMatch(line -> line.contains("/me/media") && line.contains("access_token"));
    }

    @Test
    void publishingPassesTheFormAndJsonBodiesAndTheQueryThrough() throws Exception {
        String acme = connect(ACME);

        Response container = send(
                "POST",
                "/v1/accounts/" + acme + "/instagram/" + ACME.userId() + "/media",
                "application/x-www-form-urlencoded",
                "image_url=https%3A%2F%2Fexample.com%2Fa.jpg&caption=Hello+%23plugkit");
        assertThat(container.status()).isEqualTo(200);
        Call sent = lastGraphCall();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(sent.body()).isEqualTo("image_url=https%3A%2F%2Fexample.com%2Fa.jpg&caption=Hello+%23plugkit");

        Response published = send(
                "POST",
                "/v1/accounts/" + acme + "/instagram/" + ACME.userId() + "/media_publish",
                "application/json",
                "{\"creation_id\":\"" + container.json().get("id").asText() + "\"}");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("id").asText()).startsWith("18");
        assertThat(lastGraphCall().body()).contains("creation_id");

        instagram.graph().answerNext(Answer.json(200, "{\"success\":true}"));
        Response deleted = send("DELETE", "/v1/accounts/" + acme + "/instagram/17900000000000001?x=1", null, "");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(lastGraphCall().method()).isEqualTo("DELETE");
        assertThat(lastGraphCall().query()).isEqualTo("x=1");
    }

    @Test
    void aClientsOwnAccessTokenIsRefusedWherever() throws Exception {
        String acme = connect(ACME);
        String base = "/v1/accounts/" + acme + "/instagram/me/media";

        List<Response> refused = List.of(
                get(client, base + "?access_token=IGAAmine"),
                get(client, base + "?fields=id&ACCESS_TOKEN=IGAAmine"),
                send("POST", base, "application/x-www-form-urlencoded", "caption=x&access_token=IGAAmine"),
                send("POST", base, "application/json", "{\"access_token\":\"IGAAmine\"}"));

        for (Response r : refused) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("error").get("code").asText()).isEqualTo("access_token_not_allowed");
            assertThat(r.body()).doesNotContain("IGAAmine");
        }
        assertThat(instagram.graph().calls()).as("nothing reached Instagram").isEmpty();
    }

    @Test
    void badPathsAndBodiesAreClientErrorsThatReachNothing() throws Exception {
        String acme = connect(ACME);
        String base = "/v1/accounts/" + acme + "/instagram";

        assertThat(get(client, base + "/v25.0/me")
                        .json()
                        .get("error")
                        .get("code")
                        .asText())
                .isEqualTo("invalid_graph_path");
        assertThat(get(client, base + "/").json().get("error").get("code").asText())
                .isEqualTo("invalid_graph_path");
        assertThat(get(client, base + "/me/media%2e%2e").status()).isEqualTo(400);
        assertThat(send("POST", base + "/me/media", "text/plain", "hello").status())
                .isEqualTo(415);
        assertThat(send("POST", base + "/me/media", "application/json", "{oops").status())
                .isEqualTo(400);
        assertThat(instagram.graph().calls()).isEmpty();
    }

    @Test
    void instagramsStatusBodyAndUsageHeadersComeBackAsTheyAre() {
        String acme = connect(ACME);
        String error = "{\"error\":{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
                + "\"error_subcode\":2207026,\"fbtrace_id\":\"Abc\"}}";
        String buc = "{\"" + ACME.userId() + "\":[{\"type\":\"instagram\",\"call_count\":12,\"total_cputime\":3,"
                + "\"total_time\":4,\"estimated_time_to_regain_access\":0}]}";
        instagram
                .graph()
                .answerNext(Answer.json(400, error)
                        .withHeader("X-App-Usage", "{\"call_count\":28,\"total_time\":25,\"total_cputime\":25}")
                        .withHeader("X-Business-Use-Case-Usage", buc)
                        .withHeader("X-FB-Debug", "internal"));

        Response r = get(client, "/v1/accounts/" + acme + "/instagram/" + ACME.userId() + "/media");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).isEqualTo(error);
        assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(r.header("X-App-Usage")).contains("{\"call_count\":28,\"total_time\":25,\"total_cputime\":25}");
        assertThat(r.header("X-Business-Use-Case-Usage")).contains(buc);
        assertThat(r.header("X-FB-Debug")).as("only the usage headers").isEmpty();
        assertThat(r.header("Retry-After")).isEmpty();
        assertThat(client.get("/v1/accounts/" + acme).json().get("status").asText())
                .as("a bad parameter is the call's problem, not the account's")
                .isEqualTo("active");
    }

    @Test
    void aHugeAnswerIsCappedAndASlowOneEndsAtTheDeadline() {
        String acme = connect(ACME);
        String path = "/v1/accounts/" + acme + "/instagram/me/media";

        instagram.graph().answerNext(Answer.json(200, "{\"data\":\"" + "x".repeat(200 * 1024) + "\"}"));
        Response huge = get(client, path);
        assertThat(huge.status()).isEqualTo(502);
        assertThat(huge.json().get("error").get("code").asText()).isEqualTo("instagram_response_too_large");

        instagram.graph().answerNext(Answer.json(200, "{\"data\":[]}").after(Duration.ofSeconds(8)));
        long started = System.nanoTime();
        Response slow = get(client, path);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.json().get("error").get("code").asText()).isEqualTo("instagram_timeout");
        assertThat(took).as("the 2-second deadline, not the 8-second answer").isLessThan(Duration.ofSeconds(7));
    }

    @Test
    void error190MarksTheAccountNeedsReconnectWithItsReason() {
        String acme = connect(ACME);
        String path = "/v1/accounts/" + acme + "/instagram/me/media";
        instagram
                .graph()
                .answerNext(Answer.graphError(400, 190, 460, "Error validating access token: password changed"));

        Response rejected = get(client, path);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("error").get("code").asInt()).isEqualTo(190);
        JsonNode account = client.get("/v1/accounts/" + acme).json();
        assertThat(account.get("status").asText()).isEqualTo("needs_reconnect");
        assertThat(account.get("statusReason").asText()).isEqualTo("password_changed");
        int calls = instagram.graph().calls().size();

        Response next = get(client, path);
        assertThat(next.status()).isEqualTo(409);
        assertThat(next.json().get("error").get("code").asText()).isEqualTo("account_needs_reconnect");
        assertThat(next.json().get("error").get("message").asText()).contains("password_changed");
        assertThat(instagram.graph().calls()).hasSize(calls);
    }

    @Test
    void throttlingBecomes429WithRetryAfterFromTheUsageHeaders() {
        String acme = connect(ACME);
        String path = "/v1/accounts/" + acme + "/instagram/me/media";
        String buc = "{\"" + ACME.userId() + "\":[{\"type\":\"instagram\",\"call_count\":100,\"total_cputime\":20,"
                + "\"total_time\":30,\"estimated_time_to_regain_access\":7}]}";
        instagram
                .graph()
                .answerNext(Answer.graphError(400, 80002, null, "There have been too many calls")
                        .withHeader("X-Business-Use-Case-Usage", buc));

        Response buc429 = get(client, path);
        assertThat(buc429.status()).isEqualTo(429);
        assertThat(buc429.header("Retry-After")).contains("420");
        assertThat(buc429.header("X-Business-Use-Case-Usage")).contains(buc);
        assertThat(buc429.json().get("error").get("code").asInt()).isEqualTo(80002);

        for (int code : new int[] {4, 17, 32, 613}) {
            instagram
                    .graph()
                    .answerNext(Answer.graphError(400, code, null, "Application request limit reached")
                            .withHeader("X-App-Usage", "{\"call_count\":100,\"total_time\":40,\"total_cputime\":40}"));
            Response r = get(client, path);
            assertThat(r.status()).as("code " + code).isEqualTo(429);
            assertThat(r.header("Retry-After")).as("X-App-Usage gives no time").isEmpty();
        }
        assertThat(client.get("/v1/accounts/" + acme).json().get("status").asText())
                .isEqualTo("active");
    }

    @Test
    void unknownDisconnectedAndOtherWorkspacesAccountsAre404() {
        String acme = connect(ACME);
        ApiClient other = server.newWorkspaceClient("Other");

        Response foreign = get(other, "/v1/accounts/" + acme + "/instagram/me/media");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("error").get("code").asText()).isEqualTo("account_not_found");
        assertThat(get(client, "/v1/accounts/acc_doesnotexist000000000000/instagram/me/media")
                        .status())
                .isEqualTo(404);
        assertThat(get(client, "/v1/accounts/nonsense/instagram/me/media").status())
                .isEqualTo(404);
        assertThat(instagram.graph().calls()).isEmpty();

        assertThat(client.delete("/v1/accounts/" + acme).status()).isEqualTo(204);
        assertThat(get(client, "/v1/accounts/" + acme + "/instagram/me/media").status())
                .isEqualTo(404);
        assertThat(instagram.graph().calls()).isEmpty();
    }

    @Test
    void withoutAKeyNothingIsForwarded() {
        String acme = connect(ACME);
        Response r = get(server.anonymousClient(), "/v1/accounts/" + acme + "/instagram/me/media");
        assertThat(r.status()).isEqualTo(401);
        assertThat(instagram.graph().calls()).isEmpty();
    }
}
