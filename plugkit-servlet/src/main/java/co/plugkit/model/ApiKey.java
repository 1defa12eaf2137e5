package co.plugkit.model;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/**
 * An API key as stored: its SHA-256 hash is kept elsewhere, the plaintext nowhere.
 *
 * @param prefix the first characters of the key, enough for a person to tell keys apart
 */
public record ApiKey(
        ApiKeyId id,
        WorkspaceId workspaceId,
        String name,
        String prefix,
        Instant createdAt,
        Optional<Instant> lastUsedAt) {}
