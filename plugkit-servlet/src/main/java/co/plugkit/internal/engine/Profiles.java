package co.plugkit.internal.engine;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.Profile;
import co.plugkit.store.ProfileStore;
import java.time.Clock;
import java.util.Optional;

/** The profiles of a workspace: the API client's own customers, who own connected accounts. */
public final class Profiles {
    private final ProfileStore store;
    private final Clock clock;

    public Profiles(ProfileStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Profile create(WorkspaceId workspaceId, String name) {
        Profile profile = new Profile(ProfileId.random(), workspaceId, name, clock.instant());
        store.insert(profile);
        return profile;
    }

    public Optional<Profile> find(WorkspaceId workspaceId, ProfileId id) {
        return store.find(workspaceId, id);
    }

    public Page<Profile> list(WorkspaceId workspaceId, int limit, Optional<Cursor> after) {
        return store.list(workspaceId, limit, after);
    }
}
