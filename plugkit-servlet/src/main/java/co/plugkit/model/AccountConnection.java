package co.plugkit.model;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.provider.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a completed connect flow stores: the profile it belongs to, what Instagram said of the account,
 * and the long-lived token, already sealed.
 *
 * @param sealedToken the encrypted access token (see {@code TokenCipher}); never plaintext
 * @param tokenExpiresAt when the token expires; empty when nobody knows (a token handed in by a client)
 * @param metadata the client's own JSON object for the account, if it sent one
 */
public record AccountConnection(
        WorkspaceId workspaceId,
        ProfileId profileId,
        Platform platform,
        String externalId,
        Optional<String> appScopedId,
        String username,
        Optional<String> displayName,
        String accountType,
        Optional<String> profilePictureUrl,
        List<String> scopes,
        SealedToken sealedToken,
        Optional<Instant> tokenExpiresAt,
        Optional<String> metadata) {

    public AccountConnection {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(accountType, "accountType");
        Objects.requireNonNull(sealedToken, "sealedToken");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(metadata, "metadata");
        scopes = List.copyOf(scopes);
    }
}
