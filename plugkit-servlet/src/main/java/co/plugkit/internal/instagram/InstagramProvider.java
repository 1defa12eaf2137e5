package co.plugkit.internal.instagram;

import co.plugkit.provider.Platform;
import co.plugkit.provider.Provider;
import co.plugkit.provider.ProviderException;
import co.plugkit.provider.ProviderProfile;
import co.plugkit.provider.ProviderToken;
import co.plugkit.secret.Secret;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Instagram (API with Instagram Login) as a {@link Provider}: the code becomes a short-lived token and at
 * once a long-lived one, {@code /me} describes the account, only business and creator accounts are
 * eligible, and Graph's error codes say which failures are final ({@link InstagramFailures}).
 */
public final class InstagramProvider implements Provider {
    private final InstagramApi api;
    private final List<String> scopes;

    /**
     * @param api the HTTP client of Instagram's endpoints ({@link NimbusInstagramClient}, or a test's)
     * @param scopes the scopes asked for (plugkit.instagram.scopes)
     */
    public InstagramProvider(InstagramApi api, List<String> scopes) {
        this.api = Objects.requireNonNull(api, "api");
        this.scopes = List.copyOf(scopes);
    }

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public List<String> scopes() {
        return scopes;
    }

    @Override
    public URI authorizationUrl(String state) {
        return api.authorizationUrl(state);
    }

    /** The short-lived token is exchanged at once: it lives an hour, and only the long-lived one is kept. */
    @Override
    public ProviderToken exchangeCode(Secret code) throws ProviderException {
        ShortLivedToken shortLived = api.exchangeCode(code);
        LongLivedToken longLived = api.exchangeForLongLived(shortLived.accessToken());
        return new ProviderToken(longLived.accessToken(), longLived.expiresIn(), shortLived.permissions());
    }

    @Override
    public ProviderProfile profile(Secret accessToken) throws ProviderException {
        InstagramProfile me = api.fetchProfile(accessToken);
        return new ProviderProfile(
                me.userId(), me.appScopedId(), me.username(), me.name(), me.accountType(), me.profilePictureUrl());
    }

    @Override
    public ProviderToken refresh(Secret accessToken) throws ProviderException {
        LongLivedToken refreshed = api.refresh(accessToken);
        return new ProviderToken(refreshed.accessToken(), refreshed.expiresIn(), Optional.empty());
    }

    @Override
    public void revoke(Secret accessToken) throws ProviderException {
        api.revokePermissions(accessToken);
    }

    @Override
    public boolean subscribeToWebhooks(Secret accessToken, List<String> fields) throws ProviderException {
        api.subscribeApp(accessToken, fields);
        return true;
    }

    /** Personal accounts cannot use the API. */
    @Override
    public boolean isEligible(ProviderProfile profile) {
        return "BUSINESS".equals(profile.accountType()) || "MEDIA_CREATOR".equals(profile.accountType());
    }

    @Override
    public Optional<String> permanentFailureReason(ProviderException failure) {
        return InstagramFailures.permanentReason(failure);
    }
}
