package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.Eventually;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.Fault;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.WebhookReceiver;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PlugKit's {@code plugkit.*} meters (docs/metrics.md) moved by real traffic: PlugKit in Jetty with a
 * Micrometer registry on its builder, the stand-in Instagram, H2.
 */
class MetricsHttpTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(
                instagram,
                clock,
                PlugKitServer.h2InMemory(),
                "",
                b -> b.webhooksAllowPrivateTargets(true),
                url -> List.of(),
                b -> b.meterRegistry(registry));
        client = server.newWorkspaceClient("Acme");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    @Test
    void aConnectAndItsCallbackMoveTheConnectMetersWithTheirTags() {
        String profileId = client.createProfile("Jane");
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).body())
                .contains("is connected");

        assertThat(count("plugkit.connect.started", "platform", "instagram")).isEqualTo(1);
        assertThat(count("plugkit.connect.completed", "platform", "instagram")).isEqualTo(1);
        assertThat(registry.find("plugkit.connect.failed").counters()).isEmpty();
        var connected = registry.get("plugkit.connect.callback")
                .tags("platform", "instagram", "outcome", "connected")
                .timer();
        assertThat(connected.count()).isEqualTo(1);
        assertThat(connected.totalTime(TimeUnit.NANOSECONDS)).isPositive();

        // A callback whose state PlugKit never issued, and one that Instagram's code exchange fails.
        ApiClient.browse(URI.create(server.baseUrl() + "/v1/connect/instagram/callback?state=forged&code=x"));
        instagram.failNext(Endpoint.CODE_EXCHANGE, Fault.SERVER_ERROR);
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).body())
                .contains("instagram_unavailable");

        assertThat(count("plugkit.connect.started", "platform", "instagram")).isEqualTo(2);
        assertThat(count("plugkit.connect.completed", "platform", "instagram")).isEqualTo(1);
        assertThat(count("plugkit.connect.failed", "platform", "instagram", "reason", "state_unknown"))
                .isEqualTo(1);
        assertThat(count("plugkit.connect.failed", "platform", "instagram", "reason", "instagram_unavailable"))
                .isEqualTo(1);
        assertThat(registry.get("plugkit.connect.callback")
                        .tags("platform", "instagram", "outcome", "failed")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertNoIdOrSecretInAnyTag();
    }

    /** A callback that fails unexpectedly (here a statement the database refuses) is counted too. */
    @Test
    void aCallbackThatFailsUnexpectedlyCountsAsInternalError() throws Exception {
        try (java.sql.Connection c = server.dataSource().getConnection()) {
            c.createStatement()
                    .execute("ALTER TABLE plugkit_accounts ADD CONSTRAINT no_boom CHECK (username <> 'boom')");
        }
        instagram.approveAs(FakeInstagram.IgAccount.business("17841400000000777", "boom"));

        Response page = client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty());

        assertThat(page.status()).isEqualTo(500);
        assertThat(count("plugkit.connect.failed", "platform", "instagram", "reason", "internal_error"))
                .isEqualTo(1);
        assertThat(registry.get("plugkit.connect.callback")
                        .tags("platform", "instagram", "outcome", "failed")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.find("plugkit.connect.completed").counters()).isEmpty();
    }

    @Test
    void webhookDeliveryAttemptsAreTimedByOutcomeAndStatusClass() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.mode(WebhookReceiver.Mode.ERROR_500);
            Response endpoint = client.post("/v1/webhook-endpoints", "{\"url\":\"" + receiver.url() + "\"}");
            assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
            String id = endpoint.json().get("id").asText();
            String delivery = client.post("/v1/webhook-endpoints/" + id + "/test", "")
                    .json()
                    .get("deliveryId")
                    .asText();
            Eventually.until(
                    Duration.ofSeconds(30),
                    "a failed attempt measured",
                    () -> registry.find("plugkit.webhook.deliveries")
                                    .tags("outcome", "failed", "status", "5xx")
                                    .timer()
                            != null);
            receiver.mode(WebhookReceiver.Mode.OK);
            assertThat(client.post("/v1/webhook-endpoints/deliveries/" + delivery + "/retry", "")
                            .status())
                    .isEqualTo(202);
            Eventually.until(
                    Duration.ofSeconds(30),
                    "the delivery measured",
                    () -> registry.find("plugkit.webhook.deliveries")
                                    .tags("outcome", "delivered", "status", "2xx")
                                    .timer()
                            != null);
            assertThat(registry.get("plugkit.webhook.deliveries")
                            .tags("outcome", "delivered")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("plugkit.webhook.deliveries")
                            .tags("outcome", "failed")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("plugkit.webhook.deliveries").timers())
                    .flatMap(t -> t.getId().getTags())
                    .extracting(Tag::getValue)
                    .allSatisfy(v -> assertThat(v).matches("[a-z0-9_]+"));
        }
    }

    @Test
    void instagramCallsAreTimedByEndpointTemplateMethodAndStatusClass() {
        String profileId = client.createProfile("Jane");
        client.connectThroughBrowser(profileId, Optional.empty());
        instagram.failNext(Endpoint.CODE_EXCHANGE, Fault.GRAPH_ERROR_190);
        client.connectThroughBrowser(profileId, Optional.empty());

        assertThat(calls("/oauth/access_token", "POST", "2xx")).isEqualTo(1);
        assertThat(calls("/oauth/access_token", "POST", "4xx")).isEqualTo(1);
        assertThat(calls("/access_token", "GET", "2xx")).isEqualTo(1);
        assertThat(calls("/{version}/me", "GET", "2xx")).isEqualTo(1);
        // Endpoint tags are templates: no Graph version, no user id, no query.
        assertThat(registry.find("plugkit.instagram.requests").timers())
                .allSatisfy(t -> assertThat(t.getId().getTag("endpoint")).doesNotContain("v2", "?", "178414"));

        // The Graph API proxy's calls: the client picks the path, so all count under one template.
        String id =
                client.get("/v1/accounts").json().get("data").get(0).get("id").asText();
        assertThat(client.get("/v1/accounts/" + id + "/instagram/me/media?fields=id")
                        .status())
                .isEqualTo(200);
        assertThat(calls("/{version}/{path}", "GET", "2xx")).isEqualTo(1);

        instagram.slowDelay(Duration.ofSeconds(5)); // beyond the test server's 2 s read timeout
        instagram.failNext(Endpoint.CODE_EXCHANGE, Fault.SLOW);
        client.connectThroughBrowser(profileId, Optional.empty());
        assertThat(calls("/oauth/access_token", "POST", "none")).isEqualTo(1);
        assertNoIdOrSecretInAnyTag();
    }

    @Test
    void refreshesAndChecksCountTheirOutcomes() {
        String profileId = client.createProfile("Jane");
        client.connectThroughBrowser(profileId, Optional.empty());
        String id =
                client.get("/v1/accounts").json().get("data").get(0).get("id").asText();

        clock.advance(Duration.ofDays(2));
        assertThat(client.post("/v1/accounts/" + id + "/refresh", "{}").status())
                .isEqualTo(200);
        clock.advance(Duration.ofDays(2));
        instagram.failNext(Endpoint.REFRESH, Fault.SERVER_ERROR);
        assertThat(client.post("/v1/accounts/" + id + "/refresh", "{}").status())
                .isEqualTo(503);

        assertThat(count("plugkit.token.refreshes", "platform", "instagram", "outcome", "refreshed"))
                .isEqualTo(1);
        assertThat(count("plugkit.token.refreshes", "platform", "instagram", "outcome", "deferred"))
                .isEqualTo(1);
        assertThat(calls("/refresh_access_token", "GET", "2xx")).isEqualTo(1);
        assertThat(calls("/refresh_access_token", "GET", "5xx")).isEqualTo(1);

        // A run's check of a token not checked for a day (the default interval), long after the back-off.
        clock.advance(Duration.ofDays(8));
        instagram.revokeTokensOf("17841400000000001");
        RefreshReport report = server.plugKit().refreshTokensNow();
        assertThat(report.attempted()).isEqualTo(1);
        double needsReconnect = count("plugkit.token.refreshes", "platform", "instagram", "outcome", "needs_reconnect")
                + count("plugkit.token.checks", "platform", "instagram", "outcome", "needs_reconnect");
        assertThat(needsReconnect).isEqualTo(1);
        assertNoIdOrSecretInAnyTag();
    }

    @Test
    void aCheckThatFindsTheTokenGoodIsCountedAsChecked() {
        String profileId = client.createProfile("Jane");
        client.connectThroughBrowser(profileId, Optional.empty());
        // Two days in, the token is far from its refresh window (30 days before expiry): only a check is due.
        clock.advance(Duration.ofDays(2));

        RefreshReport report = server.plugKit().refreshTokensNow();

        assertThat(report.checked()).isEqualTo(1);
        assertThat(count("plugkit.token.checks", "platform", "instagram", "outcome", "checked"))
                .isEqualTo(1);
        assertThat(registry.find("plugkit.token.refreshes").counters()).isEmpty();
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private long calls(String endpoint, String method, String status) {
        var timer = registry.find("plugkit.instagram.requests")
                .tags("endpoint", endpoint, "method", method, "status", status)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    /** Tag values are low-cardinality codes: never an id of PlugKit's or Instagram's, a token or a key. */
    private void assertNoIdOrSecretInAnyTag() {
        List<String> values = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith("plugkit.")) {
                meter.getId().getTags().stream().map(Tag::getValue).forEach(values::add);
            }
        }
        assertThat(values).isNotEmpty();
        Response accounts = client.get("/v1/accounts");
        String accountId = accounts.json().get("data").get(0).get("id").asText();
        assertThat(values)
                .allSatisfy(v -> assertThat(v)
                        .matches("[a-z0-9_/{}.]+|[A-Z]+")
                        .doesNotContain("acc_", "prof_", "ws_", "sk_", accountId, "17841400000000001")
                        .doesNotContain(FakeInstagram.CLIENT_SECRET));
        for (String token : instagram.issuedLongLivedTokens()) {
            assertThat(values).doesNotContain(token);
        }
    }
}
