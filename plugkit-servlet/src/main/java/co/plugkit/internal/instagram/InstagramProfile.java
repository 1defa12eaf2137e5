package co.plugkit.internal.instagram;

import java.util.Optional;

/**
 * What {@code /me} says of the account.
 *
 * @param userId the Instagram professional account id ({@code user_id})
 * @param appScopedId the app-scoped id ({@code id}), if sent
 * @param accountType {@code BUSINESS}, {@code MEDIA_CREATOR} or (refused by PlugKit) {@code PERSONAL}
 */
public record InstagramProfile(
        String userId,
        Optional<String> appScopedId,
        String username,
        Optional<String> name,
        String accountType,
        Optional<String> profilePictureUrl) {

    /** Only business and creator accounts can use the API. */
    public boolean isProfessional() {
        return "BUSINESS".equals(accountType) || "MEDIA_CREATOR".equals(accountType);
    }
}
