package co.plugkit.internal.telemetry.micrometer;

import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.provider.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * {@link Telemetry} on a Micrometer {@link MeterRegistry}: the {@code plugkit.*} meters of docs/metrics.md.
 * Meters are looked up by name and tags at each event (Micrometer caches them), since the tag values are
 * known only then; each tag has a small, fixed set of values.
 */
public final class MicrometerTelemetry implements Telemetry {
    static final String CONNECT_STARTED = "plugkit.connect.started";
    static final String CONNECT_COMPLETED = "plugkit.connect.completed";
    static final String CONNECT_FAILED = "plugkit.connect.failed";
    static final String CALLBACK = "plugkit.connect.callback";
    static final String TOKEN_REFRESHES = "plugkit.token.refreshes";
    static final String TOKEN_CHECKS = "plugkit.token.checks";
    static final String INSTAGRAM_REQUESTS = "plugkit.instagram.requests";
    static final String WEBHOOK_DELIVERIES = "plugkit.webhook.deliveries";

    private final MeterRegistry registry;

    private MicrometerTelemetry(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Telemetry on {@code registry}, which must be a {@link MeterRegistry}. It is typed {@code Object} so
     * that callers compile and load without Micrometer; only this class names Micrometer's types.
     */
    public static Telemetry on(Object registry) {
        return new MicrometerTelemetry((MeterRegistry) Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void connectStarted(Platform platform) {
        Counter.builder(CONNECT_STARTED)
                .description("Connects started: authorization URLs handed out")
                .tag("platform", platform.name())
                .register(registry)
                .increment();
    }

    @Override
    public void callbackEnded(Platform platform, Optional<String> failure, long nanos) {
        if (failure.isEmpty()) {
            Counter.builder(CONNECT_COMPLETED)
                    .description("Connects completed: accounts stored by a callback")
                    .tag("platform", platform.name())
                    .register(registry)
                    .increment();
        } else {
            Counter.builder(CONNECT_FAILED)
                    .description("Connects that failed at the callback, by error code")
                    .tag("platform", platform.name())
                    .tag("reason", failure.get())
                    .register(registry)
                    .increment();
        }
        Timer.builder(CALLBACK)
                .description("How long the connect callback took, the calls to the platform included")
                .tag("platform", platform.name())
                .tag("outcome", failure.isEmpty() ? "connected" : "failed")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void tokenAttempt(String activity, Platform platform, String outcome) {
        boolean refresh = activity.equals("refresh");
        Counter.builder(refresh ? TOKEN_REFRESHES : TOKEN_CHECKS)
                .description(
                        refresh ? "Token refreshes, by outcome" : "Token checks (is a token still good?), by outcome")
                .tag("platform", platform.name())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public void instagramCall(String endpoint, String method, OptionalInt status, long nanos) {
        Timer.builder(INSTAGRAM_REQUESTS)
                .description("PlugKit's calls to Instagram, by endpoint template and status class")
                .tag("endpoint", endpoint)
                .tag("method", method)
                .tag("status", statusClass(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void webhookDelivery(String outcome, OptionalInt status, long nanos) {
        Timer.builder(WEBHOOK_DELIVERIES)
                .description("Webhook delivery attempts, by outcome and the receiver's status class")
                .tag("outcome", outcome)
                .tag("status", statusClass(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code 2xx} for 200 to 299 and so on; {@code none} when no answer came. */
    static String statusClass(OptionalInt status) {
        if (status.isEmpty()) {
            return "none";
        }
        int s = status.getAsInt();
        return s >= 100 && s < 600 ? (s / 100) + "xx" : "other";
    }
}
