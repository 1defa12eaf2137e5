package co.plugkit;

/**
 * What one token refresh run did ({@link PlugKit#refreshTokensNow()}).
 *
 * @param refreshed tokens refreshed
 * @param checked tokens checked with the platform and still good
 * @param needsReconnect accounts found needing a new connection (by a refresh or a check)
 * @param deferred attempts put off by a transient failure, retried after a back-off
 * @param superseded results dropped because the account changed meanwhile
 * @param expired tokens found past their expiry
 */
public record RefreshReport(int refreshed, int checked, int needsReconnect, int deferred, int superseded, int expired) {
    /** How many accounts the platforms were asked about. */
    public int attempted() {
        return refreshed + checked + needsReconnect + deferred + superseded;
    }
}
