package co.plugkit.model;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.provider.Platform;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connect call's {@code state} is bound to. It travels sealed with the browser; the store sees it
 * only when its callback claims it.
 *
 * @param sessionKey the connect session's key: 32 lowercase hex digits, unique per connect call
 * @param platform the platform whose callback may consume it; another platform's callback refuses it
 */
public record ConnectState(
        String sessionKey,
        WorkspaceId workspaceId,
        ProfileId profileId,
        Platform platform,
        Optional<URI> redirectUrl,
        Instant expiresAt) {

    public ConnectState {
        Objects.requireNonNull(sessionKey, "sessionKey");
        if (!sessionKey.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a session key is 32 lowercase hex digits");
        }
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(redirectUrl, "redirectUrl");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
