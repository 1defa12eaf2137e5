package co.plugkit.store;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.Profile;
import java.util.Optional;

/** The profiles of each workspace. */
public interface ProfileStore {

    void insert(Profile profile);

    /** The profile, only if it belongs to that workspace. */
    Optional<Profile> find(WorkspaceId workspaceId, ProfileId id);

    /** Profiles in the order they were created. */
    Page<Profile> list(WorkspaceId workspaceId, int limit, Optional<Cursor> after);
}
