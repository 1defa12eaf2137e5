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

    /** Every type a webhook endpoint may subscribe to. */
    public static final List<String> DELIVERABLE = List.of(
            ACCOUNT_CONNECTED,
            ACCOUNT_RECONNECTED,
            ACCOUNT_NEEDS_RECONNECT,
            ACCOUNT_DISCONNECTED,
            ACCOUNT_DELETED,
            INSTAGRAM_MESSAGE,
            INSTAGRAM_COMMENT,
            INSTAGRAM_MENTION);
}
