package co.plugkit.internal.engine;

import co.plugkit.id.WorkspaceId;
import co.plugkit.model.NewApiKey;
import co.plugkit.model.NewWorkspace;
import co.plugkit.model.Workspace;
import co.plugkit.store.WorkspaceStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Provisions workspaces (tenants). A SaaS built on PlugKit calls {@link #create(String)} for each of
 * its customers and hands them the first key.
 */
public final class Workspaces {
    /** The workspace of a single-tenant installation such as the demo. */
    public static final WorkspaceId DEFAULT_WORKSPACE = WorkspaceId.DEFAULT;

    private final WorkspaceStore store;
    private final ApiKeys apiKeys;
    private final Clock clock;

    public Workspaces(WorkspaceStore store, ApiKeys apiKeys, Clock clock) {
        this.store = store;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    public NewWorkspace create(String name) {
        Workspace workspace = store.createIfAbsent(new Workspace(WorkspaceId.random(), name, clock.instant()));
        return new NewWorkspace(workspace, apiKeys.create(workspace.id(), "default"));
    }

    /** The default workspace, created on first use. */
    public Workspace ensureDefault() {
        return store.createIfAbsent(new Workspace(DEFAULT_WORKSPACE, "Default workspace", clock.instant()));
    }

    public Optional<Workspace> find(WorkspaceId id) {
        return store.find(id);
    }

    /**
     * A new key of an existing workspace — or of the default one, created if absent, so that a WAR
     * deployment can get its first key from the admin route without a bootstrap key.
     */
    public Optional<NewApiKey> createKey(WorkspaceId id, String name) {
        Optional<Workspace> workspace = id.equals(DEFAULT_WORKSPACE) ? Optional.of(ensureDefault()) : find(id);
        return workspace.map(w -> apiKeys.create(w.id(), name));
    }
}
