package co.plugkit.model;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/**
 * An API key as stored: its SHA-256 hash is kept elsewhere, the plaintext nowhere.
 *
 * @param prefix the first characters of the key, enough for a person to tell keys apart
 * @param expiresAt when the key stops working by itself (set at creation, or by a roll's grace period);
 *     empty: never
 */
public record ApiKey(
        ApiKeyId id,
        WorkspaceId workspaceId,
        String name,
        String prefix,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> expiresAt) {

    /** A key that never expires. */
    public ApiKey(
            ApiKeyId id,
            WorkspaceId workspaceId,
            String name,
            String prefix,
            Instant createdAt,
            Optional<Instant> lastUsedAt) {
        this(id, workspaceId, name, prefix, createdAt, lastUsedAt, Optional.empty());
    }

    /** Whether the key has expired at {@code now} (a key is refused from its expiry instant on). */
    public boolean expiredAt(Instant now) {
        return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
    }
}
