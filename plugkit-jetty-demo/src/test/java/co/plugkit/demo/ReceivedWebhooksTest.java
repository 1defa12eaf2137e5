package co.plugkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The receiver's engine alone: the reference library's check, and the bounded newest-first list. */
class ReceivedWebhooksTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OTHER = "whsec_c2VjcmV0LW9mLWFub3RoZXItZW5kcG9pbnQ=";

    private final ReceivedWebhooks webhooks = new ReceivedWebhooks(new ObjectMapper());

    @Test
    void aDeliverySignedWithATrustedSecretIsValidAndAnyOtherIsNot() throws Exception {
        String body = "{\"id\":\"evt_1\",\"type\":\"instagram.message\",\"data\":{\"accountId\":\"acc_1\"}}";
        assertThat(webhooks.receive(body, headers(SECRET, "evt_1", body), Instant.now())
                        .check())
                .startsWith("not checked");

        assertThat(webhooks.trust("sk_not_a_webhook_secret")).isFalse();
        assertThat(webhooks.trust("whsec_%%%")).isFalse();
        assertThat(webhooks.trust(OTHER)).isTrue();
        assertThat(webhooks.trust(SECRET)).isTrue();
        ReceivedWebhooks.Received valid = webhooks.receive(body, headers(SECRET, "evt_1", body), Instant.now());
        assertThat(valid.verified()).isTrue();
        assertThat(valid.type()).isEqualTo("instagram.message");
        assertThat(valid.accountId()).isEqualTo("acc_1");
        assertThat(valid.webhookId()).isEqualTo("evt_1");

        ReceivedWebhooks.Received tampered =
                webhooks.receive(body.replace("acc_1", "acc_2"), headers(SECRET, "evt_1", body), Instant.now());
        assertThat(tampered.verified()).isFalse();
        assertThat(tampered.check()).startsWith("invalid");
        ReceivedWebhooks.Received stranger = webhooks.receive(
                body, headers("whsec_dW5rbm93bi10by10aGUtZGVtby1yZWNlaXZlcg==", "evt_1", body), Instant.now());
        assertThat(stranger.verified()).isFalse();
    }

    @Test
    void keepsTheLastHundredNewestFirst() throws Exception {
        webhooks.trust(SECRET);
        for (int i = 1; i <= ReceivedWebhooks.KEPT + 5; i++) {
            String body = "{\"id\":\"evt_" + i + "\",\"type\":\"webhook.test\"}";
            webhooks.receive(body, headers(SECRET, "evt_" + i, body), Instant.now());
        }
        List<ReceivedWebhooks.Received> kept = webhooks.newestFirst();
        assertThat(kept).hasSize(ReceivedWebhooks.KEPT);
        assertThat(kept.get(0).webhookId()).isEqualTo("evt_" + (ReceivedWebhooks.KEPT + 5));
        assertThat(kept.get(kept.size() - 1).webhookId()).isEqualTo("evt_6");
    }

    /** The headers PlugKit sends, signed by the reference library with {@code secret}. */
    private static Map<String, List<String>> headers(String secret, String id, String body) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        return Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(new Webhook(secret).sign(id, timestamp, body)));
    }
}
