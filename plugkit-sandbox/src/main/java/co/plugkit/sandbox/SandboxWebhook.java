package co.plugkit.sandbox;

import java.util.Optional;

/**
 * One of Instagram's webhooks the sandbox can send to PlugKit for a connected sandbox account, as Meta
 * would when something happens on the account (instagram-protocol.md §10): a direct message arrives, or
 * someone comments on a post.
 */
public enum SandboxWebhook implements SandboxChoice {
    /** A direct message to the account: an entry with a {@code messaging} item. */
    MESSAGE("message", "Send a DM"),
    /** A comment on the account's post: an entry with a {@code changes} item of field {@code comments}. */
    COMMENT("comment", "Send a comment");

    /** PlugKit's endpoint for Instagram's webhooks, relative to its public URL. */
    public static final String PATH = "/v1/webhooks/instagram";

    private final String param;
    private final String label;

    SandboxWebhook(String param, String label) {
        this.param = param;
        this.label = label;
    }

    /** The value the sandbox's form sends for it, such as {@code message}. */
    @Override
    public String param() {
        return param;
    }

    /** The button's text. */
    @Override
    public String label() {
        return label;
    }

    /** The webhook named by a form value; empty for an unknown one. */
    public static Optional<SandboxWebhook> fromParam(String value) {
        return SandboxChoice.fromParam(SandboxWebhook.class, value);
    }
}
