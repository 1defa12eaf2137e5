package co.plugkit.model;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.provider.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A connected account (an Instagram professional account, or one of another provider's), as the API
 * shows it. The access token is not part of
 * this value: it stays sealed in the store.
 *
 * @param platform where the account is from
 * @param externalId the account's id at its platform (Instagram: the professional account id, {@code user_id})
 * @param appScopedId the app-scoped user id ({@code id} of {@code /me}), when Instagram sent one
 * @param statusReason why the account is not active (e.g. {@code token_expired}, {@code deauthorized})
 * @param tokenExpiresAt when the token dies unless refreshed; empty if unknown or there is no token
 * @param lastRefreshedAt when PlugKit last refreshed the token
 * @param connectedAt when the account was first connected to this profile
 * @param metadata the API client's own JSON object for the account, as text, if it stored one
 * @param webhooks whether the account is subscribed to the app's webhooks; empty until PlugKit tried
 */
public record Account(
        AccountId id,
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
        AccountStatus status,
        Optional<String> statusReason,
        Optional<Instant> tokenExpiresAt,
        Optional<Instant> lastRefreshedAt,
        Instant connectedAt,
        Instant updatedAt,
        Optional<String> metadata,
        Optional<WebhookSubscription> webhooks) {}
