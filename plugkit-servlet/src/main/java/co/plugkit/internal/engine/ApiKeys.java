package co.plugkit.internal.engine;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.ApiKey;
import co.plugkit.model.NewApiKey;
import co.plugkit.secret.ApiKeySecret;
import co.plugkit.store.WorkspaceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Creates, lists, revokes and checks API keys. Only hashes are stored; a plaintext key is shown once. */
public final class ApiKeys {
    /** Recording every use would turn each read into a write; once a minute is precise enough. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final WorkspaceStore store;
    private final Clock clock;

    public ApiKeys(WorkspaceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public NewApiKey create(WorkspaceId workspaceId, String name) {
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key =
                new ApiKey(ApiKeyId.random(), workspaceId, name, secret.prefix(), clock.instant(), Optional.empty());
        if (!store.insertKey(key, secret.hash())) {
            throw new IllegalStateException("a fresh 256-bit key collided with a stored one");
        }
        return new NewApiKey(key, secret);
    }

    /**
     * Stores a key the operator chose (the demo's {@code PLUGKIT_BOOTSTRAP_API_KEY}); does nothing if that
     * key already exists, so it is safe on every start.
     *
     * @return true if the key was new
     */
    public boolean ensure(WorkspaceId workspaceId, ApiKeySecret secret, String name) {
        if (store.findActiveKeyByHash(secret.hash()).isPresent()) {
            return false;
        }
        ApiKey key =
                new ApiKey(ApiKeyId.random(), workspaceId, name, secret.prefix(), clock.instant(), Optional.empty());
        return store.insertKey(key, secret.hash());
    }

    public List<ApiKey> list(WorkspaceId workspaceId) {
        return store.listActiveKeys(workspaceId);
    }

    /** @return true if the key existed in that workspace; it stops working at once */
    public boolean revoke(WorkspaceId workspaceId, ApiKeyId keyId) {
        return store.revokeKey(workspaceId, keyId, clock.instant());
    }

    /** The key behind a presented plaintext, if it is well-formed, known and not revoked. */
    public Optional<ApiKey> authenticate(String presented) {
        Optional<ApiKey> key = ApiKeySecret.parse(presented).flatMap(s -> store.findActiveKeyByHash(s.hash()));
        key.ifPresent(this::recordUse);
        return key;
    }

    private void recordUse(ApiKey key) {
        Instant now = clock.instant();
        if (key.lastUsedAt()
                .map(last -> last.plus(TOUCH_INTERVAL).isBefore(now))
                .orElse(true)) {
            store.touchKey(key.id(), now);
        }
    }
}
