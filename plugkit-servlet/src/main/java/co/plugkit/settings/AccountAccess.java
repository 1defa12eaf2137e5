package co.plugkit.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * How API clients may use connected accounts over HTTP.
 *
 * @param exposeTokens whether {@code GET /v1/accounts/{id}/token} hands the access token out
 *     ({@code plugkit.api.exposeTokens}, default false: the route answers 404)
 * @param proxyTimeout the deadline of one Graph API proxy call, answer body included
 *     ({@code plugkit.api.proxyTimeoutSeconds}, default 30 seconds)
 * @param proxyMaxResponseBytes the largest answer body the proxy passes on
 *     ({@code plugkit.api.proxyMaxResponseBytes}, default 8 MiB)
 */
public record AccountAccess(boolean exposeTokens, Duration proxyTimeout, int proxyMaxResponseBytes) {
    /** The default bound of a proxied answer's body: 8 MiB. */
    public static final int DEFAULT_PROXY_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    public AccountAccess {
        Objects.requireNonNull(proxyTimeout, "proxyTimeout");
        if (proxyTimeout.isNegative() || proxyTimeout.isZero() || proxyTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("the proxy timeout must be between 1 millisecond and 10 minutes");
        }
        if (proxyMaxResponseBytes < 1024) {
            throw new IllegalArgumentException("the proxy's maximum response size must be at least 1024 bytes");
        }
    }

    public static AccountAccess defaults() {
        return new AccountAccess(false, Duration.ofSeconds(30), DEFAULT_PROXY_MAX_RESPONSE_BYTES);
    }
}
