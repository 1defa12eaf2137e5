package co.plugkit.store;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Actor;
import co.plugkit.model.ApiKey;
import co.plugkit.model.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Workspaces and their API keys. Keys are stored by SHA-256 hash only. Each change to a key writes its
 * audit event ({@code api_key.created}, {@code api_key.rolled}, {@code api_key.deleted}) in the same
 * transaction, naming {@code actor} as its cause and never the key's secret.
 */
public interface WorkspaceStore {

    /** Creates the workspace unless one with its id exists; returns the stored one either way. */
    Workspace createIfAbsent(Workspace workspace);

    Optional<Workspace> find(WorkspaceId id);

    /**
     * Stores a key by its hash, with its {@code api_key.created} event.
     *
     * @return false if a key with that hash already exists (nothing is written)
     */
    boolean insertKey(ApiKey key, String keyHash, Actor actor);

    /**
     * The workspace and key of a key hash, if the key exists and has not been revoked. An expired key is
     * still returned (with its {@code expiresAt}); the caller compares it with its clock.
     */
    Optional<ApiKey> findActiveKeyByHash(String keyHash);

    /** The workspace's keys that have not been revoked, oldest first. */
    List<ApiKey> listActiveKeys(WorkspaceId workspaceId);

    /**
     * Revokes a key, with its {@code api_key.deleted} event.
     *
     * @return true if the key existed in that workspace and is now revoked
     */
    boolean revokeKey(WorkspaceId workspaceId, ApiKeyId keyId, Instant at, Actor actor);

    /**
     * Rolls a key in one transaction: stores {@code newKey} by its hash and sets the old key's
     * {@code expires_at} to {@code oldKeyExpiresAt}, with its {@code api_key.rolled} event.
     *
     * @return false, writing nothing, if the old key does not exist in that workspace or is revoked
     */
    boolean rollKey(
            WorkspaceId workspaceId,
            ApiKeyId oldKeyId,
            Instant oldKeyExpiresAt,
            ApiKey newKey,
            String newKeyHash,
            Actor actor);

    /** Records a use of a key (callers throttle how often). */
    void touchKey(ApiKeyId keyId, Instant at);
}
