package co.plugkit.settings;

import co.plugkit.secret.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Webhooks in both directions: Meta's verification token and the fields each connected account is
 * subscribed to (inbound), and the host's webhook endpoints: whether they may be private addresses and how
 * long they have to answer (outbound).
 *
 * @param verifyToken what Meta must send as {@code hub.verify_token} to verify the callback URL; without
 *     it, the verification is refused
 * @param subscribedFields the {@code subscribed_fields} of {@code POST /me/subscribed_apps} after a
 *     connect; empty: accounts are not subscribed ({@code webhooks: off})
 * @param allowPrivateTargets whether webhook endpoints may resolve to loopback, private or link-local
 *     addresses (and then use plain http): for development and tests only
 * @param deliveryTimeout how long a webhook endpoint has to connect, and then to answer (default 10 s)
 */
public record WebhookSettings(
        Optional<Secret> verifyToken,
        List<String> subscribedFields,
        boolean allowPrivateTargets,
        Duration deliveryTimeout) {
    /** What accounts are subscribed to unless configured otherwise. */
    public static final List<String> DEFAULT_FIELDS = List.of("messages", "comments", "mentions");

    private static final Pattern FIELD = Pattern.compile("[a-z_]{1,40}");

    public WebhookSettings {
        Objects.requireNonNull(verifyToken, "verifyToken");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        subscribedFields = List.copyOf(subscribedFields);
        for (String field : subscribedFields) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("not a webhook field: lowercase letters and _ only");
            }
        }
        if (deliveryTimeout.isNegative() || deliveryTimeout.isZero()) {
            throw new IllegalArgumentException("the delivery timeout must be positive");
        }
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(Optional.empty(), DEFAULT_FIELDS, false, Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return "WebhookSettings{verifyToken=" + verifyToken.map(t -> "****").orElse("(none)") + ", subscribedFields="
                + subscribedFields + ", allowPrivateTargets=" + allowPrivateTargets + ", deliveryTimeout="
                + deliveryTimeout + "}";
    }
}
