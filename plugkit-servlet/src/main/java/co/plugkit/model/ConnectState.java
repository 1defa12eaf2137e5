package co.plugkit.model;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** What a connect call's {@code state} is bound to, until the callback consumes it. */
public record ConnectState(
        WorkspaceId workspaceId, ProfileId profileId, Optional<URI> redirectUrl, Instant expiresAt) {}
