package co.plugkit.store.jdbi;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.Profile;
import co.plugkit.store.ProfileStore;
import java.util.Optional;

final class JdbiProfileStore implements ProfileStore {
    private final JdbiCalls calls;

    JdbiProfileStore(JdbiCalls calls) {
        this.calls = calls;
    }

    @Override
    public void insert(Profile profile) {
        calls.withHandle(h -> h.createUpdate("INSERT INTO plugkit_profiles (id, workspace_id, name, created_at)"
                        + " VALUES (:id, :ws, :name, :createdAt)")
                .bind("id", profile.id().value())
                .bind("ws", profile.workspaceId().value())
                .bind("name", profile.name())
                .bind("createdAt", calls.at(profile.createdAt()))
                .execute());
    }

    @Override
    public Optional<Profile> find(WorkspaceId workspaceId, ProfileId id) {
        return calls.read(h -> h.createQuery("SELECT seq, id, workspace_id, name, created_at"
                        + " FROM plugkit_profiles WHERE id = :id AND workspace_id = :ws")
                .bind("id", id.value())
                .bind("ws", workspaceId.value())
                .map((rs, ctx) -> mapProfile(rs))
                .findOne());
    }

    @Override
    public Page<Profile> list(WorkspaceId workspaceId, int limit, Optional<Cursor> after) {
        return calls.read(h -> Paging.page(
                h.createQuery("SELECT seq, id, workspace_id, name, created_at"
                                + " FROM plugkit_profiles WHERE workspace_id = :ws AND seq > :after"
                                + " ORDER BY seq")
                        .bind("ws", workspaceId.value())
                        .bind("after", after.map(Cursor::afterSequence).orElse(0L)),
                limit,
                (rs, ctx) -> mapProfile(rs)));
    }

    private Profile mapProfile(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Profile(
                new ProfileId(rs.getString("id")),
                new WorkspaceId(rs.getString("workspace_id")),
                rs.getString("name"),
                calls.instant(rs, "created_at"));
    }
}
