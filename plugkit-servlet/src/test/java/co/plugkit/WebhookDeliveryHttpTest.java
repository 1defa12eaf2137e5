package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.Eventually;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.WebhookReceiver;
import co.plugkit.testing.WebhookReceiver.Mode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signed webhooks to the host over real HTTP, every delivery verified with the Standard Webhooks reference
 * library: events arrive signed; a receiver that fails in any way gets the event once it recovers, with
 * exactly one success recorded; a rolled secret signs alongside the new one; private targets are refused
 * unless allowed.
 */
class WebhookDeliveryHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // Real time: the reference library refuses a webhook-timestamp more than five minutes off its clock.
    private final MutableClock clock =
            new MutableClock(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    private final FakeInstagram instagram = new FakeInstagram(clock);
    private final WebhookReceiver receiver = new WebhookReceiver();
    private PlugKitServer server;
    private ApiClient client;

    private void start(UnaryOperator<PlugKitConfigBuilder> config) {
        server = PlugKitServer.start(instagram, clock, PlugKitServer.h2InMemory(), "", config);
        client = server.newWorkspaceClient("Acme");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        receiver.close();
        instagram.close();
    }

    private JsonNode createEndpoint(String body) {
        Response r = client.post("/v1/webhook-endpoints", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** Every delivery the receiver got, verified with the reference library and this secret. */
    private static void verify(WebhookReceiver.Received r, String secret) throws WebhookVerificationException {
        new Webhook(secret).verify(r.body(), r.headers());
    }

    private List<WebhookReceiver.Received> deliveriesOf(String eventId) {
        return receiver.received().stream()
                .filter(r -> eventId.equals(r.header("webhook-id")))
                .toList();
    }

    @Test
    void accountEventsArriveSignedAndTheSecretIsShownOnce() throws Exception {
        start(b -> b.webhooksAllowPrivateTargets(true));
        JsonNode endpoint = createEndpoint("{\"url\":\"" + receiver.url() + "\"}");
        String secret = endpoint.get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        Response list = client.get("/v1/webhook-endpoints");
        assertThat(list.body())
                .doesNotContain(secret)
                .contains(endpoint.get("id").asText());
        assertThat(client.get("/v1/webhook-endpoints/" + endpoint.get("id").asText())
                        .body())
                .doesNotContain(secret);

        instagram.approveAs(IgAccount.business("17841400000000001", "acme"));
        client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty());

        Eventually.until(
                Duration.ofSeconds(30),
                "account.connected delivered",
                () -> !receiver.received().isEmpty());
        WebhookReceiver.Received r = receiver.received().get(0);
        verify(r, secret);
        JsonNode envelope = JSON.readTree(r.body());
        assertThat(envelope.get("type").asText()).isEqualTo("account.connected");
        assertThat(envelope.get("id").asText()).isEqualTo(r.header("webhook-id"));
        assertThat(envelope.get("workspaceId").asText()).startsWith("ws_");
        assertThat(envelope.get("data").get("username").asText()).isEqualTo("acme");
        assertThat(envelope.has("actor")).isFalse();
        assertThatThrownBy(
                        () -> verify(r, "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24])))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aFailingReceiverGetsTheEventOnceItRecoversWithOneSuccessRecorded() throws Exception {
        start(b -> b.webhooksAllowPrivateTargets(true).webhookTimeout(Duration.ofSeconds(1)));
        JsonNode endpoint = createEndpoint("{\"url\":\"" + receiver.url() + "\",\"events\":[\"account.connected\"]}");
        String id = endpoint.get("id").asText();
        String secret = endpoint.get("secret").asText();

        for (Mode failure : new Mode[] {Mode.ERROR_500, Mode.CLOSE, Mode.SLOW, null}) {
            if (failure == null) {
                receiver.down();
            } else {
                receiver.mode(failure);
            }
            Response test = client.post("/v1/webhook-endpoints/" + id + "/test", "{}");
            assertThat(test.status()).isEqualTo(202);
            String deliveryId = test.json().get("deliveryId").asText();
            String what = failure == null ? "DOWN" : failure.name();
            Eventually.until(
                    Duration.ofSeconds(30),
                    what + ": first attempt failed",
                    () -> attempts(id, deliveryId).size() == 1);
            JsonNode delivery = delivery(id, deliveryId);
            assertThat(delivery.get("status").asText()).as(what).isEqualTo("pending");
            assertThat(delivery.get("attempts").get(0).get("error").isNull())
                    .as(what)
                    .isFalse();

            if (failure == null) {
                receiver.up();
            }
            receiver.mode(Mode.OK);
            clock.advance(Duration.ofSeconds(13)); // past the first pause (10 s, +20% jitter)
            Eventually.until(
                    Duration.ofSeconds(30),
                    what + ": delivered after recovery",
                    () -> delivery(id, deliveryId).get("status").asText().equals("succeeded"));
            JsonNode done = delivery(id, deliveryId);
            long successes = 0;
            for (JsonNode attempt : done.get("attempts")) {
                if (attempt.get("statusCode").asInt() / 100 == 2) {
                    successes++;
                }
            }
            assertThat(successes).as(what + ": successes recorded").isEqualTo(1);
            String eventId = done.get("eventId").asText();
            List<WebhookReceiver.Received> got = deliveriesOf(eventId).stream()
                    .filter(x -> x.answered() == 200)
                    .toList();
            assertThat(got).as(what).isNotEmpty();
            for (WebhookReceiver.Received r : deliveriesOf(eventId)) {
                verify(r, secret);
            }
            clock.advance(Duration.ofSeconds(20));
            Thread.sleep(300);
            assertThat(delivery(id, deliveryId).get("attempts"))
                    .as(what + ": not sent again")
                    .hasSize(2);
        }
    }

    private JsonNode delivery(String endpointId, String deliveryId) {
        for (JsonNode d : client.get("/v1/webhook-endpoints/" + endpointId + "/deliveries")
                .json()
                .get("data")) {
            if (d.get("id").asText().equals(deliveryId)) {
                return d;
            }
        }
        throw new AssertionError("no delivery " + deliveryId);
    }

    private JsonNode attempts(String endpointId, String deliveryId) {
        return delivery(endpointId, deliveryId).get("attempts");
    }

    @Test
    void aRolledSecretSignsAlongsideTheNewOneAndRetryResends() throws Exception {
        start(b -> b.webhooksAllowPrivateTargets(true));
        JsonNode endpoint = createEndpoint("{\"url\":\"" + receiver.url() + "\"}");
        String id = endpoint.get("id").asText();
        String old = endpoint.get("secret").asText();
        Response rolled = client.post("/v1/webhook-endpoints/" + id + "/roll-secret", "{}");
        assertThat(rolled.status()).isEqualTo(200);
        String fresh = rolled.json().get("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);

        String deliveryId = client.post("/v1/webhook-endpoints/" + id + "/test", "{}")
                .json()
                .get("deliveryId")
                .asText();
        Eventually.until(
                Duration.ofSeconds(30),
                "test delivered",
                () -> receiver.received().size() == 1);
        WebhookReceiver.Received r = receiver.received().get(0);
        assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
        verify(r, old);
        verify(r, fresh);
        assertThat(JSON.readTree(r.body()).get("type").asText()).isEqualTo("webhook.test");

        // once the first send is recorded (the receiver has it a moment before the sender knows)
        Eventually.until(
                Duration.ofSeconds(30),
                "first send recorded",
                () -> delivery(id, deliveryId).get("status").asText().equals("succeeded"));
        assertThat(client.post("/v1/webhook-endpoints/deliveries/" + deliveryId + "/retry", "{}")
                        .status())
                .isEqualTo(202);
        Eventually.until(
                Duration.ofSeconds(30),
                "sent again on request",
                () -> receiver.received().size() == 2);
        assertThat(receiver.received().get(1).header("webhook-id")).isEqualTo(r.header("webhook-id"));
        assertThat(client.post("/v1/webhook-endpoints/deliveries/dlv_000000000000000000000000/retry", "{}")
                        .status())
                .isEqualTo(404);

        assertThat(client.delete("/v1/webhook-endpoints/" + id).status()).isEqualTo(204);
        assertThat(client.get("/v1/webhook-endpoints/" + id).status()).isEqualTo(404);
        assertThat(client.get("/v1/webhook-endpoints").json().get("data")).isEmpty();
    }

    @Test
    void privateAndPlainHttpTargetsAreRefusedUnlessAllowed() {
        start(b -> b);
        for (String url : new String[] {
            receiver.url().toString(),
            "https://127.0.0.1/hook",
            "https://10.1.2.3/hook",
            "https://192.168.1.1/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook",
            "https://localhost/hook",
            "ftp://example.com/hook",
            "not a url"
        }) {
            Response r = client.post("/v1/webhook-endpoints", "{\"url\":\"" + url + "\"}");
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.json().get("error").get("code").asText())
                    .as(url)
                    .isIn("webhook_url_not_allowed", "invalid_parameter");
        }
        Response unknownType = client.post(
                "/v1/webhook-endpoints", "{\"url\":\"https://example.com/hook\",\"events\":[\"account.exploded\"]}");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(client.get("/v1/webhook-endpoints").json().get("data")).isEmpty();
    }
}
