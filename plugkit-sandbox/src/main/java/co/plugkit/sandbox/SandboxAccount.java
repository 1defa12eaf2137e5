package co.plugkit.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * One of the sandbox's Instagram professional accounts, which a person picks on the authorization page.
 *
 * @param userId the professional account id ({@code user_id} of {@code /me}); 17 digits, above 2^53 like
 *     the real ones, so a client that parses it as a double is caught out
 * @param appScopedId the app-scoped id ({@code id} of {@code /me}, {@code user_id} of the code exchange)
 * @param username the handle, without {@code @}
 * @param name the display name
 * @param accountType {@code BUSINESS} or {@code MEDIA_CREATOR}
 * @param tester whether the account is an accepted Instagram Tester of the app; one that is not gets
 *     Instagram's "Insufficient Developer Role" page and is never redirected back, as with a real app in
 *     development mode
 */
public record SandboxAccount(
        String userId, String appScopedId, String username, String name, String accountType, boolean tester) {

    /** An account that is an accepted tester. */
    public SandboxAccount(String userId, String appScopedId, String username, String name, String accountType) {
        this(userId, appScopedId, username, name, accountType, true);
    }

    /** The fixed accounts every sandbox offers. */
    public static final List<SandboxAccount> ALL = List.of(
            new SandboxAccount(
                    "17841400000000101", "27281358591558101", "acme_coffee", "Acme Coffee Roasters", "BUSINESS"),
            new SandboxAccount(
                    "17841400000000102", "27281358591558102", "luna.creates", "Luna Martins", "MEDIA_CREATOR"),
            new SandboxAccount(
                    "17841400000000103",
                    "27281358591558103",
                    "northwind_outfitters",
                    "Northwind Outfitters",
                    "BUSINESS"),
            new SandboxAccount(
                    "17841400000000104", "27281358591558104", "sam_not_a_tester", "Sam Okafor", "BUSINESS", false));

    /** The account with this username, if the sandbox has one. */
    public static Optional<SandboxAccount> byUsername(String username) {
        return ALL.stream().filter(a -> a.username().equals(username)).findFirst();
    }

    /** A readable label of the account type. */
    public String typeLabel() {
        return "MEDIA_CREATOR".equals(accountType) ? "Creator" : "Business";
    }
}
