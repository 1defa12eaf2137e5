package co.plugkit.store.jdbi;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Actor;
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
    private final JdbiOutbox outbox;

    JdbiWorkspaceStore(JdbiCalls calls, JdbiOutbox outbox) {
        this.calls = calls;
        this.outbox = outbox;
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
    public boolean insertKey(ApiKey key, String keyHash, Actor actor) {
        try {
            // Once: a retry after a commit that was lost on its way back would find its own key and say false.
            return outbox.inTransactionOnce(tx -> {
                insert(tx.h, key, keyHash);
                tx.write(ApiKeyEvents.created(key, actor), key.createdAt());
                return true;
            });
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
    public boolean revokeKey(WorkspaceId workspaceId, ApiKeyId keyId, Instant at, Actor actor) {
        return outbox.inTransaction(tx -> {
            Optional<ApiKey> key = activeKey(tx.h, workspaceId, keyId);
            if (key.isEmpty()
                    || tx.h.createUpdate("UPDATE plugkit_api_keys SET revoked_at = :at"
                                            + " WHERE id = :id AND workspace_id = :ws AND revoked_at IS NULL")
                                    .bind("at", calls.at(at))
                                    .bind("id", keyId.value())
                                    .bind("ws", workspaceId.value())
                                    .execute()
                            != 1) {
                return false;
            }
            tx.write(ApiKeyEvents.deleted(key.get(), actor), at);
            return true;
        });
    }

    @Override
    public boolean rollKey(
            WorkspaceId workspaceId,
            ApiKeyId oldKeyId,
            Instant oldKeyExpiresAt,
            ApiKey newKey,
            String newKeyHash,
            Actor actor) {
        // Not retried as a whole: a retry after a lost commit would insert the new key a second time.
        return outbox.inTransactionOnce(tx -> {
            Optional<ApiKey> old = activeKey(tx.h, workspaceId, oldKeyId);
            if (old.isEmpty()
                    || tx.h.createUpdate("UPDATE plugkit_api_keys SET expires_at = :expiresAt"
                                            + " WHERE id = :id AND workspace_id = :ws AND revoked_at IS NULL")
                                    .bind("expiresAt", calls.at(oldKeyExpiresAt))
                                    .bind("id", oldKeyId.value())
                                    .bind("ws", workspaceId.value())
                                    .execute()
                            != 1) {
                return false; // nothing was written
            }
            insert(tx.h, newKey, newKeyHash);
            tx.write(ApiKeyEvents.rolled(old.get(), newKey, oldKeyExpiresAt, actor), newKey.createdAt());
            return true;
        });
    }

    /** A key of the workspace that is not revoked, read in the transaction that changes it. */
    private Optional<ApiKey> activeKey(Handle h, WorkspaceId workspaceId, ApiKeyId keyId) {
        return h.createQuery("SELECT " + KEY_COLUMNS + " FROM plugkit_api_keys"
                        + " WHERE id = :id AND workspace_id = :ws AND revoked_at IS NULL")
                .bind("id", keyId.value())
                .bind("ws", workspaceId.value())
                .map(this::mapKey)
                .findOne();
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
