package co.plugkit.internal.web;

import co.plugkit.store.WebhookStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON shapes of {@code /v1/webhook-endpoints}. The secret appears only in {@link CreatedView}. */
final class WebhookViews {
    private WebhookViews() {}

    record EndpointView(String id, String url, List<String> events, String createdAt) {}

    record CreatedView(String id, String url, List<String> events, String createdAt, String secret) {}

    record AttemptView(String attemptedAt, Integer statusCode, long durationMs, String error) {}

    record DeliveryView(
            String id,
            String eventId,
            String eventType,
            String status,
            String nextAttemptAt,
            String createdAt,
            String completedAt,
            List<AttemptView> attempts) {}

    record Accepted(String deliveryId) {}

    static EndpointView endpoint(WebhookStore.Endpoint e) {
        return new EndpointView(
                e.id(),
                e.url().toString(),
                e.events().orElse(null),
                e.createdAt().toString());
    }

    /** The only view with the secret: the answer to a creation or a roll. */
    static CreatedView created(WebhookStore.Endpoint e, String secret) {
        return new CreatedView(
                e.id(),
                e.url().toString(),
                e.events().orElse(null),
                e.createdAt().toString(),
                secret);
    }

    static DeliveryView delivery(WebhookStore.DeliveryState d) {
        return new DeliveryView(
                d.id(),
                d.eventId().value(),
                d.eventType(),
                d.status(),
                text(d.nextAttemptAt()),
                d.createdAt().toString(),
                text(d.completedAt()),
                d.attempts().stream()
                        .map(a -> new AttemptView(
                                a.at().toString(),
                                a.statusCode().isPresent() ? a.statusCode().getAsInt() : null,
                                a.durationMillis(),
                                a.error().orElse(null)))
                        .toList());
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
