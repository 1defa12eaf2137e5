package co.plugkit.sandbox;

import co.plugkit.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What the sandbox needs to know of the app it serves.
 *
 * @param clientId the Instagram App ID it accepts
 * @param clientSecret the App Secret it accepts
 * @param redirectUri the one registered redirect URI, matched character for character
 * @param baseUrl the public URL of the sandbox ({@code …/sandbox/instagram}), for profile picture URLs
 * @param slowDelay how long the "slow response" fault waits before answering
 */
public record SandboxSettings(String clientId, Secret clientSecret, URI redirectUri, URI baseUrl, Duration slowDelay) {
    public SandboxSettings {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(slowDelay, "slowDelay");
    }
}
