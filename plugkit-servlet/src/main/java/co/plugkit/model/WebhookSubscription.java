package co.plugkit.model;

import java.util.Locale;

/** Whether a connected account is subscribed to the Meta app's webhooks ({@code POST /me/subscribed_apps}). */
public enum WebhookSubscription {
    /** Instagram confirmed the subscription: the account's messages, comments and mentions reach PlugKit. */
    SUBSCRIBED,
    /** The subscription failed; the background runs try again. */
    FAILED,
    /** No fields are configured ({@code plugkit.instagram.webhookFields} empty), so PlugKit does not subscribe. */
    OFF;

    /** The lowercase name the API shows. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WebhookSubscription fromApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
