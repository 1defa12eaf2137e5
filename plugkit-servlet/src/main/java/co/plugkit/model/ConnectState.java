package co.plugkit.model;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.provider.Platform;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What a connect call's {@code state} is bound to, until the callback consumes it.
 *
 * @param platform the platform whose callback may consume it; another platform's callback refuses it
 */
public record ConnectState(
        WorkspaceId workspaceId,
        ProfileId profileId,
        Platform platform,
        Optional<URI> redirectUrl,
        Instant expiresAt) {}
