package co.plugkit.provider;

import java.util.Objects;
import java.util.Optional;

/**
 * The account behind a token, as its provider describes it.
 *
 * @param externalId the account's id at the provider (Instagram: the professional account id)
 * @param appScopedId a second id some providers give (Instagram: the app-scoped user id), matched by
 *     deauthorize and deletion callbacks
 * @param accountType the provider's kind of account (Instagram: {@code BUSINESS}, {@code MEDIA_CREATOR})
 */
public record ProviderProfile(
        String externalId,
        Optional<String> appScopedId,
        String username,
        Optional<String> displayName,
        String accountType,
        Optional<String> pictureUrl) {
    public ProviderProfile {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(accountType, "accountType");
    }
}
