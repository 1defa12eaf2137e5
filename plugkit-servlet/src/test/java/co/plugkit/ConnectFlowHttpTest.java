package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.Concurrently;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.FakeInstagram.Shape;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connect flow end to end over real HTTP: PlugKit in Jetty, the stand-in Instagram, H2. The flow's rules
 * themselves (states, reconnects, eligibility, upstream failures) are tested without a container in
 * {@link co.plugkit.internal.engine.ConnectFlowTest}.
 */
class ConnectFlowHttpTest {
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock);
        client = server.newWorkspaceClient("Acme Inc");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    @Test
    void happyPathConnectsTheAccountAndListsIt() {
        String profileId = client.createProfile("Jane");
        Response page = client.connectThroughBrowser(profileId, Optional.empty());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@acme is connected");
        JsonNode accounts = client.get("/v1/accounts").json();
        assertThat(accounts.get("data")).hasSize(1);
        JsonNode account = accounts.get("data").get(0);
        assertThat(account.get("id").asText()).startsWith("acc_");
        assertThat(account.get("platform").asText()).isEqualTo("instagram");
        assertThat(account.get("externalId").asText()).isEqualTo("17841400000000001");
        assertThat(account.get("username").asText()).isEqualTo("acme");
        assertThat(account.get("displayName").asText()).isEqualTo("Name of acme");
        assertThat(account.get("accountType").asText()).isEqualTo("BUSINESS");
        assertThat(account.get("profilePictureUrl").asText()).isEqualTo("https://scontent.example/acme.jpg");
        assertThat(account.get("profileId").asText()).isEqualTo(profileId);
        assertThat(account.get("status").asText()).isEqualTo("active");
        assertThat(account.get("scopes"))
                .extracting(JsonNode::asText)
                .containsExactly("instagram_business_basic", "instagram_business_manage_messages");
        assertThat(Instant.parse(account.get("tokenExpiresAt").asText()))
                .isEqualTo(clock.instant().plusSeconds(FakeInstagram.LONG_LIVED_SECONDS));
        // Without `webhooks`: the subscription to Meta's webhooks runs after the connect, off the request, and
        // may change it between the two reads.
        assertThat(((ObjectNode) client.get("/v1/accounts/" + account.get("id").asText())
                                .json())
                        .<JsonNode>without("webhooks"))
                .isEqualTo(((ObjectNode) account.deepCopy()).<JsonNode>without("webhooks"));
    }

    @Test
    void authorizationUrlCarriesTheClientRedirectUriCommaSeparatedScopesAndAFreshState() {
        String profileId = client.createProfile("Jane");
        JsonNode first = client.connect(profileId).json();
        JsonNode second = client.connect(profileId).json();

        URI authUrl = URI.create(first.get("authUrl").asText());
        Map<String, String> query = query(authUrl);
        assertThat(authUrl.getPath()).isEqualTo("/oauth/authorize");
        assertThat(query)
                .containsEntry("client_id", FakeInstagram.CLIENT_ID)
                .containsEntry("response_type", "code")
                .containsEntry("redirect_uri", server.baseUrl() + "/v1/connect/instagram/callback")
                .containsEntry("scope", String.join(",", PlugKitConfig.DEFAULT_SCOPES))
                .containsEntry("state", first.get("state").asText());
        assertThat(authUrl.getRawQuery())
                .contains("scope=instagram_business_basic%2Cinstagram_business_manage_messages");
        assertThat(first.get("state").asText()).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(first.get("state").asText()).isNotEqualTo(second.get("state").asText());
        assertThat(Instant.parse(first.get("expiresAt").asText()))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void codeExchangeIsAFormPostWithExactlyTheFieldsInstagramRequires() {
        String profileId = client.createProfile("Jane");
        client.connectThroughBrowser(profileId, Optional.empty());

        assertThat(instagram.codeExchangeForms()).hasSize(1);
        Map<String, String> form = instagram.codeExchangeForms().get(0);
        assertThat(form.keySet())
                .containsExactlyInAnyOrder("client_id", "client_secret", "grant_type", "redirect_uri", "code");
        assertThat(form)
                .containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", server.baseUrl() + "/v1/connect/instagram/callback");
        // The token travels in the Authorization header to /me, never in a URL.
        assertThat(instagram.requestLines())
                .filteredOn(l -> l.contains("/me"))
                .allMatch(l -> !l.contains("access_token"));
    }

    @Test
    void aReplayedCallbackIsRefusedWithoutASecondCodeExchange() {
        String profileId = client.createProfile("Jane");
        Response connect = client.connect(profileId);
        Response authorize =
                ApiClient.browse(URI.create(connect.json().get("authUrl").asText()));
        URI callback = ApiClient.callbackUrl(authorize);

        assertThat(ApiClient.browse(callback).status()).isEqualTo(200);
        Response replay = ApiClient.browse(callback);

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).contains("already been used").contains("state_already_used");
        assertThat(instagram.calls(Endpoint.CODE_EXCHANGE)).isEqualTo(1);
        assertThat(client.get("/v1/accounts").json().get("data")).hasSize(1);
    }

    @Test
    void concurrentCallbacksWithOneStateExchangeTheCodeOnce() throws Exception {
        String profileId = client.createProfile("Jane");
        Response authorize = ApiClient.browse(
                URI.create(client.connect(profileId).json().get("authUrl").asText()));
        URI callback = ApiClient.callbackUrl(authorize);

        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tasks.add(() -> ApiClient.browse(callback).status());
        }
        List<Integer> statuses = Concurrently.run(8, tasks);
        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(instagram.calls(Endpoint.CODE_EXCHANGE)).isEqualTo(1);
        assertThat(client.get("/v1/accounts").json().get("data")).hasSize(1);
    }

    @Test
    void anUnknownStateIsRefusedAndNothingIsSentUpstream() {
        Response page = ApiClient.browse(
                URI.create(server.baseUrl() + "/v1/connect/instagram/callback?code=AQabc&state=not-a-state-we-issued"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("state_unknown").contains("not valid");
        assertThat(instagram.calls(Endpoint.CODE_EXCHANGE)).isZero();
    }

    @Test
    void aMissingStateIsRefused() {
        Response page = ApiClient.browse(URI.create(server.baseUrl() + "/v1/connect/instagram/callback?code=AQabc"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("state_missing");
        assertThat(instagram.calls(Endpoint.CODE_EXCHANGE)).isZero();
    }

    @Test
    void anExpiredStateIsRefusedAndNothingIsStored() {
        String profileId = client.createProfile("Jane");
        Response authorize = ApiClient.browse(
                URI.create(client.connect(profileId).json().get("authUrl").asText()));

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        Response page = ApiClient.browse(ApiClient.callbackUrl(authorize));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("state_expired").contains("expired");
        assertThat(instagram.calls(Endpoint.CODE_EXCHANGE)).isZero();
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    @Test
    void deniedConsentEndsOnAClearPageAndStoresNothing() {
        String profileId = client.createProfile("Jane");
        instagram.denyNext();
        Response page = client.connectThroughBrowser(profileId, Optional.empty());

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("access_denied").contains("not granted");
        assertThat(instagram.calls(Endpoint.CODE_EXCHANGE)).isZero();
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    @Test
    void theDocumentedDataArrayShapeWithStringIdsConnectsToo() {
        instagram.shape(Shape.DATA_ARRAY);
        String profileId = client.createProfile("Jane");

        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);
        JsonNode account = client.get("/v1/accounts").json().get("data").get(0);
        assertThat(account.get("externalId").asText()).isEqualTo("17841400000000001");
        assertThat(account.get("scopes"))
                .extracting(JsonNode::asText)
                .containsExactly("instagram_business_basic", "instagram_business_manage_messages");
    }

    @Test
    void withoutPermissionsInTheAnswerTheRequestedScopesAreRecorded() {
        instagram.shape(Shape.FLAT_NO_PERMISSIONS);
        String profileId = client.createProfile("Jane");

        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);
        assertThat(client.get("/v1/accounts").json().get("data").get(0).get("scopes"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(PlugKitConfig.DEFAULT_SCOPES);
    }

    @Test
    void personalAccountsAreRefused() {
        instagram.approveAs(new IgAccount("17841400000000009", "27280000000000009", "just_me", "Me", "PERSONAL", null));
        String profileId = client.createProfile("Jane");
        Response page = client.connectThroughBrowser(profileId, Optional.empty());

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("not_professional_account").contains("business and creator");
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    @Test
    void theResultPageEscapesProviderTextAndTellsThePopupOpener() {
        instagram.approveAs(new IgAccount(
                "17841400000000011", "27280000000000011", "<script>alert(1)</script>", "x", "BUSINESS", null));
        String profileId = client.createProfile("Jane");
        Response page = client.connectThroughBrowser(profileId, Optional.empty());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(page.body()).contains("@&lt;script&gt;alert(1)&lt;/script&gt; is connected");
        assertThat(page.body()).contains("\\u003cscript\\u003e"); // inside the JSON data block
        assertThat(page.body()).contains("window.opener.postMessage").contains("plugkit:connected");
        // nothing is loaded from anywhere: no resource address (the opener's origin is data, not a resource)
        assertThat(page.body()).doesNotContain("src=").doesNotContain("href=");
        assertThat(page.header("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.header("Referrer-Policy")).contains("no-referrer");
        assertThat(page.header("Content-Security-Policy"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("default-src 'none'").contains("script-src 'sha256-"));
    }

    @Test
    void anAllowListedRedirectUrlReceivesTheOutcome() throws Exception {
        try (var allowing = Allowing.redirectsTo("https://app.example.com/connected")) {
            ApiClient c = allowing.server.newWorkspaceClient("Acme");
            String profileId = c.createProfile("Jane");

            Response done = c.connectThroughBrowser(profileId, Optional.of("https://app.example.com/connected?tab=ig"));
            assertThat(done.status()).isEqualTo(303);
            URI location = URI.create(done.header("Location").orElseThrow());
            String accountId =
                    c.get("/v1/accounts").json().get("data").get(0).get("id").asText();
            assertThat(location.getHost()).isEqualTo("app.example.com");
            assertThat(query(location))
                    .containsEntry("tab", "ig")
                    .containsEntry("status", "connected")
                    .containsEntry("accountId", accountId)
                    .containsEntry("profileId", profileId);

            allowing.instagram.denyNext();
            Response denied = c.connectThroughBrowser(profileId, Optional.of("https://app.example.com/connected"));
            assertThat(denied.status()).isEqualTo(303);
            assertThat(query(URI.create(denied.header("Location").orElseThrow())))
                    .containsEntry("status", "error")
                    .containsEntry("error", "access_denied");
        }
    }

    @Test
    void aRedirectUrlOffTheAllowListIsRefusedWhenConnecting() throws Exception {
        try (var allowing = Allowing.redirectsTo("https://app.example.com/connected")) {
            ApiClient c = allowing.server.newWorkspaceClient("Acme");
            String profileId = c.createProfile("Jane");
            for (String bad : List.of(
                    "https://app.example.com.evil.net/connected",
                    "https://app.example.com/connectedx",
                    "http://app.example.com/connected",
                    "https://app.example.com:8443/connected",
                    "javascript:alert(1)",
                    "/connected",
                    "https://user@app.example.com/connected")) {
                Response r =
                        c.get("/v1/connect/instagram?profileId=" + profileId + "&redirectUrl=" + ApiClient.encode(bad));
                assertThat(r.status()).as(bad).isEqualTo(400);
                assertThat(r.json().get("error").get("code").asText()).isEqualTo("redirect_url_not_allowed");
                assertThat(r.json().get("error").get("message").asText()).contains("redirectUrl");
            }
        }
        // And with no allow-list configured at all, any redirectUrl is refused.
        Response r = client.get("/v1/connect/instagram?profileId=" + client.createProfile("J") + "&redirectUrl="
                + ApiClient.encode("https://app.example.com/x"));
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void connectValidatesItsParameters() {
        assertThat(client.get("/v1/connect/instagram")
                        .json()
                        .get("error")
                        .get("message")
                        .asText())
                .contains("profileId");
        Response malformed = client.get("/v1/connect/instagram?profileId=nope");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").get("message").asText()).contains("profileId");
        Response unknown = client.get("/v1/connect/instagram?profileId=prof_000000000000000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("profile_not_found");
        assertThat(server.anonymousClient()
                        .get("/v1/connect/instagram?profileId=prof_0")
                        .status())
                .isEqualTo(401);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A second PlugKit whose allow-list admits one redirect URL prefix. */
    private static final class Allowing implements AutoCloseable {
        final FakeInstagram instagram;
        final PlugKitServer server;

        private Allowing(String prefix) {
            MutableClock clock = MutableClock.startingNow();
            instagram = new FakeInstagram(clock);
            server = PlugKitServer.start(
                    instagram, clock, PlugKitServer.h2InMemory(), "", b -> b.allowedRedirectUrls(List.of(prefix)));
        }

        static Allowing redirectsTo(String prefix) {
            return new Allowing(prefix);
        }

        @Override
        public void close() throws Exception {
            server.close();
            instagram.close();
        }
    }
}
