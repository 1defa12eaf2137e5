package co.plugkit.store;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.SealedToken;
import co.plugkit.provider.Platform;
import java.time.Instant;
import java.util.Optional;

/**
 * An account leased for one refresh: its sealed token, and the token's version, which the result must
 * still match when it is written back.
 *
 * @param profileId the account's profile, which with the workspace and {@code externalId} names the row its
 *     token is sealed for
 * @param platform the platform of the account, whose provider refreshes it
 * @param externalId the account's id at its platform ({@code external_id})
 * @param tokenExpiresAt when the claimed token expires, if known
 * @param tokenIssuedAt when the claimed token was issued (Instagram refreshes only tokens a day old)
 * @param failures how many refreshes in a row failed transiently before this one
 */
public record RefreshClaim(
        AccountId accountId,
        WorkspaceId workspaceId,
        ProfileId profileId,
        Platform platform,
        String externalId,
        SealedToken token,
        long tokenVersion,
        Instant tokenIssuedAt,
        Optional<Instant> tokenExpiresAt,
        int failures) {}
