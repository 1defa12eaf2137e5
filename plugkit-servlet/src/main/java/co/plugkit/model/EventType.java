package co.plugkit.model;

import java.util.List;

/**
 * The type names of the events PlugKit emits. An event's {@code type} is one of these strings; a host
 * should ignore types it does not know, as new ones may be added.
 */
public final class EventType {
    private EventType() {}

    /** An account was connected to a profile for the first time. */
    public static final String ACCOUNT_CONNECTED = "account.connected";
    /** An account that existed was connected again (whatever its status was). */
    public static final String ACCOUNT_RECONNECTED = "account.reconnected";
    /** Instagram rejected an account's token for good (or it expired); the person must connect again. */
    public static final String ACCOUNT_NEEDS_RECONNECT = "account.needs_reconnect";
    /** An account was disconnected: through the API ({@code DELETE /v1/accounts/{id}}) or Meta's deauthorize. */
    public static final String ACCOUNT_DISCONNECTED = "account.disconnected";
    /** An account was deleted by Meta's data deletion request. */
    public static final String ACCOUNT_DELETED = "account.deleted";
    /** A direct message (or another {@code messaging} item) for an account, forwarded from Instagram. */
    public static final String INSTAGRAM_MESSAGE = "instagram.message";
    /** A comment on an account's media, forwarded from Instagram. */
    public static final String INSTAGRAM_COMMENT = "instagram.comment";
    /** An account was mentioned, forwarded from Instagram. */
    public static final String INSTAGRAM_MENTION = "instagram.mention";
    /** Sent by {@code POST /v1/webhook-endpoints/{id}/test}, to that endpoint only. */
    public static final String WEBHOOK_TEST = "webhook.test";
    /** An API key was created: through the API, for a new workspace, or by the host (never with its secret). */
    public static final String API_KEY_CREATED = "api_key.created";
    /** An API key was rolled: a new key replaces it, and it keeps working until its grace period ends. */
    public static final String API_KEY_ROLLED = "api_key.rolled";
    /** An API key was deleted ({@code DELETE /v1/api-keys/{id}}); it stopped working at once. */
    public static final String API_KEY_DELETED = "api_key.deleted";
    /** A webhook endpoint was created (never with its signing secret). */
    public static final String WEBHOOK_ENDPOINT_CREATED = "webhook_endpoint.created";
    /** A webhook endpoint was deleted; its pending deliveries are not sent. */
    public static final String WEBHOOK_ENDPOINT_DELETED = "webhook_endpoint.deleted";
    /** A webhook endpoint's signing secret was rolled (the previous one signs too for a while). */
    public static final String WEBHOOK_ENDPOINT_SECRET_ROLLED = "webhook_endpoint.secret_rolled";

    /** Every type a webhook endpoint may subscribe to. */
    public static final List<String> DELIVERABLE = List.of(
            ACCOUNT_CONNECTED,
            ACCOUNT_RECONNECTED,
            ACCOUNT_NEEDS_RECONNECT,
            ACCOUNT_DISCONNECTED,
            ACCOUNT_DELETED,
            INSTAGRAM_MESSAGE,
            INSTAGRAM_COMMENT,
            INSTAGRAM_MENTION,
            API_KEY_CREATED,
            API_KEY_ROLLED,
            API_KEY_DELETED,
            WEBHOOK_ENDPOINT_CREATED,
            WEBHOOK_ENDPOINT_DELETED,
            WEBHOOK_ENDPOINT_SECRET_ROLLED);

    /**
     * The types {@code GET /v1/audit-events} lists: changes to a workspace's keys, accounts and webhook
     * endpoints. Forwarded Instagram content (messages, comments, mentions) and test events are events, not
     * audit entries: they record no change anyone made.
     */
    public static final List<String> AUDITED = List.of(
            API_KEY_CREATED,
            API_KEY_ROLLED,
            API_KEY_DELETED,
            ACCOUNT_CONNECTED,
            ACCOUNT_RECONNECTED,
            ACCOUNT_NEEDS_RECONNECT,
            ACCOUNT_DISCONNECTED,
            ACCOUNT_DELETED,
            WEBHOOK_ENDPOINT_CREATED,
            WEBHOOK_ENDPOINT_DELETED,
            WEBHOOK_ENDPOINT_SECRET_ROLLED);
}
