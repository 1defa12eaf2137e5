package co.plugkit.internal.instagram;

import co.plugkit.secret.Secret;
import java.net.URI;

/**
 * The calls PlugKit makes to Instagram (API with Instagram Login). The engine depends on this
 * interface only; {@link NimbusInstagramClient} implements it over HTTP.
 */
public interface InstagramApi {

    /** The browser URL of the authorization page, with comma-separated scopes and this {@code state}. */
    URI authorizationUrl(String state);

    /** Exchanges an authorization code for a short-lived token ({@code POST /oauth/access_token}). */
    ShortLivedToken exchangeCode(Secret code) throws InstagramException;

    /** Exchanges a short-lived token for a long-lived one ({@code ig_exchange_token}). */
    LongLivedToken exchangeForLongLived(Secret shortLivedToken) throws InstagramException;

    /** Refreshes a long-lived token ({@code ig_refresh_token}); Instagram may return a different token string. */
    LongLivedToken refresh(Secret longLivedToken) throws InstagramException;

    /** The professional account behind a token ({@code /{version}/me}). */
    InstagramProfile fetchProfile(Secret accessToken) throws InstagramException;

    /** Subscribes the token's account to the app's webhooks ({@code POST /{version}/me/subscribed_apps}). */
    void subscribeApp(Secret accessToken, java.util.List<String> fields) throws InstagramException;

    /** Withdraws the app's permissions for the token's user ({@code DELETE /{version}/me/permissions}). */
    void revokePermissions(Secret accessToken) throws InstagramException;
}
