package co.plugkit.internal.engine;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.Authentication.Authenticated;
import co.plugkit.internal.engine.Authentication.Limit;
import co.plugkit.internal.engine.Authentication.Limited;
import co.plugkit.internal.engine.Authentication.Reason;
import co.plugkit.internal.engine.Authentication.Refused;
import co.plugkit.model.Actor;
import co.plugkit.model.ApiKey;
import co.plugkit.model.NewApiKey;
import co.plugkit.secret.ApiKeySecret;
import co.plugkit.store.WorkspaceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creates, lists, rolls, revokes and checks API keys. Only hashes are stored; a plaintext key is shown
 * once. Checking a key is guarded by the {@link AbuseLimiter}: a client (or key prefix) that used up its
 * failed authentications is refused before its key is parsed or looked up.
 */
public final class ApiKeys {
    /** A roll's grace period unless the caller names one. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

    /** The longest grace period a roll may give the old key. */
    public static final Duration MAX_GRACE = Duration.ofDays(7);

    /** Recording every use would turn each read into a write; once a minute is precise enough. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final WorkspaceStore store;
    private final AbuseLimiter limiter;
    private final Clock clock;

    public ApiKeys(WorkspaceStore store, AbuseLimiter limiter, Clock clock) {
        this.store = store;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** A key that never expires, made by PlugKit or its host (a new workspace's first key, the Java API). */
    public NewApiKey create(WorkspaceId workspaceId, String name) {
        return create(workspaceId, name, Optional.empty(), Actor.SYSTEM).orElseThrow();
    }

    /** A new key, or empty if {@code expiresAt} is not in the future; {@code actor} is named in its audit event. */
    public Optional<NewApiKey> create(WorkspaceId workspaceId, String name, Optional<Instant> expiresAt, Actor actor) {
        Instant now = clock.instant();
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            return Optional.empty();
        }
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key =
                new ApiKey(ApiKeyId.random(), workspaceId, name, secret.prefix(), now, Optional.empty(), expiresAt);
        if (!store.insertKey(key, secret.hash(), actor)) {
            throw new IllegalStateException("a fresh 256-bit key collided with a stored one");
        }
        return Optional.of(new NewApiKey(key, secret));
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
        return store.insertKey(key, secret.hash(), Actor.SYSTEM);
    }

    /** The workspace's keys that still work: neither revoked nor expired. */
    public List<ApiKey> list(WorkspaceId workspaceId) {
        Instant now = clock.instant();
        return store.listActiveKeys(workspaceId).stream()
                .filter(k -> !k.expiredAt(now))
                .toList();
    }

    /** @return true if the key existed in that workspace; it stops working at once */
    public boolean revoke(WorkspaceId workspaceId, ApiKeyId keyId, Actor actor) {
        return store.revokeKey(workspaceId, keyId, clock.instant(), actor);
    }

    /**
     * Replaces a key by a new one with the same name and the same expiry; the old key keeps working for
     * {@code grace} (0 to {@link #MAX_GRACE}; 0: it stops at once), and never longer than its own expiry.
     *
     * @return the new key, or empty if the old one is not a working key of that workspace
     */
    public Optional<NewApiKey> roll(WorkspaceId workspaceId, ApiKeyId keyId, Duration grace, Actor actor) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("grace period out of range");
        }
        Instant now = clock.instant();
        Optional<ApiKey> old =
                list(workspaceId).stream().filter(k -> k.id().equals(keyId)).findFirst();
        if (old.isEmpty()) {
            return Optional.empty();
        }
        Instant graceEnds = now.plus(grace);
        Instant oldExpires =
                old.get().expiresAt().filter(e -> e.isBefore(graceEnds)).orElse(graceEnds);
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = new ApiKey(
                ApiKeyId.random(),
                workspaceId,
                old.get().name(),
                secret.prefix(),
                now,
                Optional.empty(),
                old.get().expiresAt());
        return store.rollKey(workspaceId, keyId, oldExpires, key, secret.hash(), actor)
                ? Optional.of(new NewApiKey(key, secret))
                : Optional.empty();
    }

    /**
     * Checks the key a request presented from {@code clientAddress}. A client or key prefix whose failed
     * authentications used up their limit gets {@link Limited} before the key is looked up; a key that
     * is not of the key format or fails its checksum is refused without a lookup.
     */
    public Authentication authenticate(Optional<String> presented, String clientAddress) {
        Optional<Duration> blocked = limiter.addressBlocked(clientAddress);
        if (blocked.isPresent()) {
            return new Limited(Limit.FAILED_AUTHENTICATIONS, blocked.get());
        }
        if (presented.isEmpty()) {
            return refuse(clientAddress, presented, Reason.MISSING);
        }
        Optional<ApiKeySecret> secret = ApiKeySecret.parse(presented.get());
        if (secret.isEmpty()) {
            return refuse(clientAddress, presented, Reason.MALFORMED);
        }
        blocked = limiter.prefixBlocked(presented.get());
        if (blocked.isPresent()) {
            return new Limited(Limit.FAILED_AUTHENTICATIONS, blocked.get());
        }
        Optional<ApiKey> key = store.findActiveKeyByHash(secret.get().hash());
        if (key.isEmpty()) {
            return refuse(clientAddress, presented, Reason.UNKNOWN);
        }
        if (key.get().expiredAt(clock.instant())) {
            return refuse(clientAddress, presented, Reason.EXPIRED);
        }
        Optional<Duration> wait = limiter.keyRequest(key.get().id());
        if (wait.isPresent()) {
            return new Limited(Limit.KEY_REQUESTS, wait.get());
        }
        recordUse(key.get());
        return new Authenticated(key.get());
    }

    private Authentication refuse(String clientAddress, Optional<String> presented, Reason reason) {
        String why = switch (reason) {
            case MISSING -> "no API key";
            case MALFORMED -> "malformed API key";
            case UNKNOWN -> "unknown or revoked API key";
            case EXPIRED -> "expired API key";
        };
        limiter.failed(clientAddress, presented, why);
        return new Refused(reason);
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
