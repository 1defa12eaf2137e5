package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.settings.WebhookSettings;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.Eventually;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.Fault;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After a connect, PlugKit subscribes the account to the app's webhooks; a failure never fails the connect. */
class WebhookSubscriptionHttpTest {
    private static final String USER = "17841400000000001";

    private final MutableClock clock = MutableClock.startingNow();
    private final FakeInstagram instagram = new FakeInstagram(clock);
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
        instagram.close();
    }

    private JsonNode connect() {
        instagram.approveAs(IgAccount.business(USER, "acme"));
        String profile = client.createProfile("Jane");
        assertThat(client.connectThroughBrowser(profile, Optional.empty()).status())
                .isEqualTo(200);
        return client.get("/v1/accounts?profileId=" + profile)
                .json()
                .get("data")
                .get(0);
    }

    private String webhooks(String accountId) {
        return client.get("/v1/accounts/" + accountId).json().path("webhooks").asText("");
    }

    @Test
    void aConnectSubscribesTheAccountWithTheConfiguredFields() {
        // The default fields (the test servers turn the subscription off unless asked).
        start(b -> b.webhookFields(WebhookSettings.DEFAULT_FIELDS));
        JsonNode account = connect();
        String id = account.get("id").asText();
        Eventually.until(
                Duration.ofSeconds(30), "subscribed", () -> webhooks(id).equals("subscribed"));
        assertThat(instagram.subscriptions()).containsExactly(USER + ":messages,comments,mentions");
    }

    @Test
    void aFailedSubscriptionLeavesTheConnectAloneAndIsRetried() {
        start(b -> b.webhookFields(List.of("messages", "comments")));
        instagram.failNext(Endpoint.SUBSCRIBE, Fault.SERVER_ERROR);
        JsonNode account = connect();
        String id = account.get("id").asText();
        assertThat(account.get("status").asText()).isEqualTo("active");
        Eventually.until(Duration.ofSeconds(30), "failed", () -> webhooks(id).equals("failed"));
        assertThat(instagram.subscriptions()).isEmpty();

        // Not before its back-off has passed, then by the background runs.
        clock.advance(Duration.ofSeconds(30));
        try {
            Thread.sleep(6_000); // more than a background round
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(instagram.calls(Endpoint.SUBSCRIBE)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        Eventually.until(
                Duration.ofSeconds(30),
                "subscribed on retry",
                () -> webhooks(id).equals("subscribed"));
        assertThat(instagram.subscriptions()).containsExactly(USER + ":messages,comments");
        assertThat(instagram.calls(Endpoint.SUBSCRIBE)).isEqualTo(2);
    }

    @Test
    void noFieldsMeansOff() {
        start(b -> b.webhookFields(List.of()));
        String id = connect().get("id").asText();
        Eventually.until(Duration.ofSeconds(30), "off", () -> webhooks(id).equals("off"));
        assertThat(instagram.calls(Endpoint.SUBSCRIBE)).isZero();
    }
}
