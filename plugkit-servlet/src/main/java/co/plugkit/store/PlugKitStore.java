package co.plugkit.store;

/**
 * Everything PlugKit keeps, as one pluggable unit. The JDBI implementation is the default; a host may
 * supply its own.
 */
public interface PlugKitStore {
    WorkspaceStore workspaces();

    ProfileStore profiles();

    AccountStore accounts();

    /** The token refresher's claims on accounts and its compare-and-set writes. */
    RefreshStore refresh();

    ConnectStateStore connectStates();

    DataDeletionStore dataDeletions();

    /** Events (the outbox and audit trail). */
    EventStore events();

    /** Meta's webhook deliveries, kept until processed. */
    MetaWebhookStore metaWebhooks();

    /** The host's webhook endpoints and the deliveries to them. */
    WebhookStore webhooks();

    /** Whether the database answers now; used by the health route. */
    boolean isReachable();
}
