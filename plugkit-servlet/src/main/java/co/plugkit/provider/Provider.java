package co.plugkit.provider;

import co.plugkit.secret.Secret;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a platform does for PlugKit. The engine knows platforms only through this interface: the connect
 * flow, the refresher, disconnecting and manual connections all look the account's provider up by its
 * {@link Platform}. Instagram is one implementation ({@code co.plugkit.internal.instagram.InstagramProvider});
 * another is added with {@code PlugKit.builder().provider(…)} and is then reachable at
 * {@code /v1/connect/{platform}} with its callback at {@code /v1/connect/{platform}/callback}.
 *
 * <p>Implementations hold their own settings, are safe for concurrent use, and never put a token, code
 * or secret into an exception message.
 */
public interface Provider {

    Platform platform();

    /** The scopes asked for; they stand for the granted ones when the provider does not say. */
    List<String> scopes();

    /**
     * The browser URL of the provider's authorization page, carrying this {@code state} and the redirect
     * URI {@code {public URL}/v1/connect/{platform}/callback}.
     */
    URI authorizationUrl(String state);

    /** Completes an authorization code into the token PlugKit keeps (for Instagram, the long-lived one). */
    ProviderToken exchangeCode(Secret code) throws ProviderException;

    /** The account behind a token; also PlugKit's check that a token still works. */
    ProviderProfile profile(Secret accessToken) throws ProviderException;

    /** A fresh token for a token that still works; the provider may return another token string. */
    ProviderToken refresh(Secret accessToken) throws ProviderException;

    /** Withdraws the grant behind the token, where the platform allows it. */
    void revoke(Secret accessToken) throws ProviderException;

    /**
     * Subscribes the token's account to the app's webhooks for these fields (Instagram: {@code POST
     * /me/subscribed_apps}). A provider whose platform sends no webhooks keeps this default, which answers
     * false: the account's {@code webhooks} then shows {@code off}.
     *
     * @return true once the platform confirmed the subscription
     */
    default boolean subscribeToWebhooks(Secret accessToken, List<String> fields) throws ProviderException {
        return false;
    }

    /** Whether PlugKit may connect this account (Instagram: business and creator accounts only). */
    boolean isEligible(ProviderProfile profile);

    /**
     * The account's {@code statusReason} when a failure means the person must connect again (a revoked or
     * expired token), or empty when it is transient and the old token should be kept and retried.
     */
    Optional<String> permanentFailureReason(ProviderException failure);
}
