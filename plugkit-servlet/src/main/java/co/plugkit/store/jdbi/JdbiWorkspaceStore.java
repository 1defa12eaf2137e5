package co.plugkit.store.jdbi;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.ApiKey;
import co.plugkit.model.Workspace;
import co.plugkit.store.WorkspaceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbiWorkspaceStore implements WorkspaceStore {
    private static final String KEY_COLUMNS =
            "id, workspace_id, name, key_prefix, created_at, last_used_at, expires_at";

    private final JdbiCalls calls;

    JdbiWorkspaceStore(JdbiCalls calls) {
        this.calls = calls;
    }

    @Override
    public Workspace createIfAbsent(Workspace workspace) {
        try {
            calls.withHandle(h -> h.createUpdate(
                            "INSERT INTO plugkit_workspaces (id, name, created_at) VALUES (:id, :name, :createdAt)")
                    .bind("id", workspace.id().value())
                    .bind("name", workspace.name())
                    .bind("createdAt", calls.at(workspace.createdAt()))
                    .execute());
        } catch (StatementFailure e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
        }
        return find(workspace.id()).orElseThrow(() -> new IllegalStateException("workspace vanished after insert"));
    }

    @Override
    public Optional<Workspace> find(WorkspaceId id) {
        return calls.read(h -> h.createQuery("SELECT id, name, created_at FROM plugkit_workspaces WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new Workspace(
                        new WorkspaceId(rs.getString("id")), rs.getString("name"), calls.instant(rs, "created_at")))
                .findOne());
    }

    @Override
    public boolean insertKey(ApiKey key, String keyHash) {
        try {
            calls.withHandle(h -> insert(h, key, keyHash));
            return true;
        } catch (StatementFailure e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<ApiKey> findActiveKeyByHash(String keyHash) {
        return calls.read(h -> h.createQuery("SELECT " + KEY_COLUMNS
                        + " FROM plugkit_api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                .bind("hash", keyHash)
                .map(this::mapKey)
                .findOne());
    }

    @Override
    public List<ApiKey> listActiveKeys(WorkspaceId workspaceId) {
        return calls.read(h -> h.createQuery("SELECT " + KEY_COLUMNS + " FROM plugkit_api_keys"
                        + " WHERE workspace_id = :ws AND revoked_at IS NULL ORDER BY created_at, id")
                .bind("ws", workspaceId.value())
                .map(this::mapKey)
                .list());
    }

    @Override
    public boolean revokeKey(WorkspaceId workspaceId, ApiKeyId keyId, Instant at) {
        return calls.withHandle(h -> h.createUpdate("UPDATE plugkit_api_keys SET revoked_at = :at"
                                + " WHERE id = :id AND workspace_id = :ws AND revoked_at IS NULL")
                        .bind("at", calls.at(at))
                        .bind("id", keyId.value())
                        .bind("ws", workspaceId.value())
                        .execute())
                == 1;
    }

    @Override
    public boolean rollKey(
            WorkspaceId workspaceId, ApiKeyId oldKeyId, Instant oldKeyExpiresAt, ApiKey newKey, String newKeyHash) {
        // Not retried as a whole: a retry after a lost commit would insert the new key a second time.
        return calls.withHandle(h -> h.inTransaction(tx -> {
            int changed = tx.createUpdate("UPDATE plugkit_api_keys SET expires_at = :expiresAt"
                            + " WHERE id = :id AND workspace_id = :ws AND revoked_at IS NULL")
                    .bind("expiresAt", calls.at(oldKeyExpiresAt))
                    .bind("id", oldKeyId.value())
                    .bind("ws", workspaceId.value())
                    .execute();
            if (changed != 1) {
                tx.rollback();
                return false;
            }
            insert(tx, newKey, newKeyHash);
            return true;
        }));
    }

    private int insert(Handle h, ApiKey key, String keyHash) {
        return h.createUpdate("INSERT INTO plugkit_api_keys"
                        + " (id, workspace_id, name, key_hash, key_prefix, created_at, expires_at)"
                        + " VALUES (:id, :workspaceId, :name, :hash, :prefix, :createdAt, :expiresAt)")
                .bind("id", key.id().value())
                .bind("workspaceId", key.workspaceId().value())
                .bind("name", key.name())
                .bind("hash", keyHash)
                .bind("prefix", key.prefix())
                .bind("createdAt", calls.at(key.createdAt()))
                .bind("expiresAt", calls.at(key.expiresAt().orElse(null)))
                .execute();
    }

    @Override
    public void touchKey(ApiKeyId keyId, Instant at) {
        calls.withHandle(h -> h.createUpdate("UPDATE plugkit_api_keys SET last_used_at = :at WHERE id = :id")
                .bind("at", calls.at(at))
                .bind("id", keyId.value())
                .execute());
    }

    private ApiKey mapKey(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ApiKey(
                new ApiKeyId(rs.getString("id")),
                new WorkspaceId(rs.getString("workspace_id")),
                rs.getString("name"),
                rs.getString("key_prefix"),
                calls.instant(rs, "created_at"),
                calls.optionalInstant(rs, "last_used_at"),
                calls.optionalInstant(rs, "expires_at"));
    }
}
