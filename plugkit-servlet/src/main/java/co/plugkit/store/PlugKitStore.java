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

    /** Whether the database answers now; used by the health route. */
    boolean isReachable();
}
