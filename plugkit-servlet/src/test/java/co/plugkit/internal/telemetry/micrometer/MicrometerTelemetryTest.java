package co.plugkit.internal.telemetry.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.provider.Platform;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The meters of docs/metrics.md that the HTTP tests cannot reach yet (webhook deliveries, reported by the
 * events outbox), and the status classes every status-tagged meter uses.
 */
class MicrometerTelemetryTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Telemetry telemetry = MicrometerTelemetry.on(registry);

    @Test
    void webhookDeliveriesAreTimedByOutcomeAndStatusClass() {
        telemetry.webhookDelivery("delivered", OptionalInt.of(204), TimeUnit.MILLISECONDS.toNanos(30));
        telemetry.webhookDelivery("failed", OptionalInt.of(503), TimeUnit.MILLISECONDS.toNanos(10));
        telemetry.webhookDelivery("failed", OptionalInt.empty(), TimeUnit.SECONDS.toNanos(5));

        var delivered = registry.get("plugkit.webhook.deliveries")
                .tags("outcome", "delivered", "status", "2xx")
                .timer();
        assertThat(delivered.count()).isEqualTo(1);
        assertThat(delivered.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30);
        assertThat(registry.get("plugkit.webhook.deliveries")
                        .tags("outcome", "failed", "status", "5xx")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("plugkit.webhook.deliveries")
                        .tags("outcome", "failed", "status", "none")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void statusClassesAreTheHundredsOrNone() {
        assertThat(MicrometerTelemetry.statusClass(OptionalInt.of(200))).isEqualTo("2xx");
        assertThat(MicrometerTelemetry.statusClass(OptionalInt.of(302))).isEqualTo("3xx");
        assertThat(MicrometerTelemetry.statusClass(OptionalInt.of(429))).isEqualTo("4xx");
        assertThat(MicrometerTelemetry.statusClass(OptionalInt.of(599))).isEqualTo("5xx");
        assertThat(MicrometerTelemetry.statusClass(OptionalInt.of(600))).isEqualTo("other");
        assertThat(MicrometerTelemetry.statusClass(OptionalInt.of(0))).isEqualTo("other");
        assertThat(MicrometerTelemetry.statusClass(OptionalInt.empty())).isEqualTo("none");
    }

    @Test
    void eachMeterKeepsOneSetOfTagKeysAsPrometheusRequires() {
        Platform instagram = Platform.INSTAGRAM;
        telemetry.connectStarted(instagram);
        telemetry.callbackEnded(instagram, Optional.empty(), 1);
        telemetry.callbackEnded(instagram, Optional.of("state_unknown"), 1);
        telemetry.tokenAttempt("refresh", instagram, "refreshed");
        telemetry.tokenAttempt("check", instagram, "checked");
        telemetry.instagramCall("/{version}/me", "GET", OptionalInt.of(200), 1);
        telemetry.instagramCall("/{version}/me", "GET", OptionalInt.empty(), 1);

        Map<String, Set<Set<String>>> keysByName = new HashMap<>();
        registry.getMeters()
                .forEach(m -> keysByName
                        .computeIfAbsent(m.getId().getName(), k -> new HashSet<>())
                        .add(new HashSet<>(m.getId().getTags().stream()
                                .map(t -> t.getKey())
                                .toList())));
        assertThat(keysByName)
                .containsOnlyKeys(
                        "plugkit.connect.started",
                        "plugkit.connect.completed",
                        "plugkit.connect.failed",
                        "plugkit.connect.callback",
                        "plugkit.token.refreshes",
                        "plugkit.token.checks",
                        "plugkit.instagram.requests");
        assertThat(keysByName.values()).allSatisfy(sets -> assertThat(sets).hasSize(1));
    }
}
