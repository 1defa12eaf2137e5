package co.plugkit.sandbox;

import co.plugkit.sandbox.CallbackReport.Delivery;
import java.net.URI;
import java.util.Objects;

/**
 * What happened when the sandbox sent an Instagram webhook to PlugKit: what it sent (the body, which holds
 * no secret; never the signature's key) and how PlugKit answered.
 *
 * @param webhook which webhook
 * @param account the sandbox account it was about
 * @param target the URL it was posted to
 * @param bodyJson the body as sent, byte for byte the one signed
 * @param delivery PlugKit's answer: {@link CallbackReport.Acknowledged} for a 2xx, as Meta counts it
 */
public record WebhookReport(
        SandboxWebhook webhook, SandboxAccount account, URI target, String bodyJson, Delivery delivery) {

    public WebhookReport {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(bodyJson, "bodyJson");
        Objects.requireNonNull(delivery, "delivery");
    }
}
