package co.plugkit.settings;

import co.plugkit.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The Instagram app and endpoints.
 *
 * @param clientId the Instagram App ID
 * @param clientSecret the Instagram App Secret
 * @param scopes the scopes requested, sent comma-separated
 * @param authorizeUrl the browser's authorization endpoint
 * @param apiUrl the host of the code exchange ({@code /oauth/access_token})
 * @param graphUrl the host of the Graph API
 * @param graphVersion the Graph API version used for {@code /me}, such as {@code v25.0}
 * @param connectTimeout how long to wait for a connection to Instagram
 * @param readTimeout how long one call to Instagram may take in all
 * @param maxResponseBytes the largest response body accepted from Instagram
 */
public record InstagramSettings(
        String clientId,
        Secret clientSecret,
        List<String> scopes,
        URI authorizeUrl,
        URI apiUrl,
        URI graphUrl,
        String graphVersion,
        Duration connectTimeout,
        Duration readTimeout,
        int maxResponseBytes) {}
