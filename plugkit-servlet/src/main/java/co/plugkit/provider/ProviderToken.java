package co.plugkit.provider;

import co.plugkit.secret.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An access token a provider issued, ready to be stored.
 *
 * @param expiresIn how long it lives from now; empty when the provider gave no believable lifetime
 * @param grantedScopes the scopes the person granted, when the provider says; else the requested ones apply
 */
public record ProviderToken(Secret accessToken, Optional<Duration> expiresIn, Optional<List<String>> grantedScopes) {
    @Override
    public String toString() {
        return "ProviderToken{accessToken=****, expiresIn=" + expiresIn + ", grantedScopes=" + grantedScopes + "}";
    }
}
