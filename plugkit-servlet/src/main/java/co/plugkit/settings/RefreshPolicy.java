package co.plugkit.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how tokens are refreshed. Instagram refreshes a long-lived token only once it is a day old and
 * not yet expired, and the refreshed token lives 60 days; PlugKit refreshes a token once it is older than
 * {@link #minTokenAge()} and expires within {@link #window()}.
 *
 * @param window refresh tokens that expire within this long (default 30 days: a month of retries before death)
 * @param checkInterval how long an active token goes without a check that Instagram still accepts it
 *     (default 24 hours): between refreshes, a run asks {@code /me} with each token older than this, so
 *     that a token revoked without a deauthorize callback (a password change, say) is found out
 * @param interval how often the background refresher runs (default 1 hour)
 * @param concurrency how many refreshes run at once on one server
 * @param batchSize how many accounts one claim takes
 * @param lease how long a claim keeps other refreshers away, long enough for one refresh with its timeout
 */
public record RefreshPolicy(
        Duration window, Duration checkInterval, Duration interval, int concurrency, int batchSize, Duration lease) {

    /** Instagram's own rule: a token must be at least this old to be refreshed. */
    public static final Duration MIN_TOKEN_AGE = Duration.ofHours(24);

    public RefreshPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(checkInterval, "checkInterval");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(lease, "lease");
        if (window.compareTo(Duration.ofDays(1)) < 0 || window.compareTo(Duration.ofDays(59)) > 0) {
            throw new IllegalArgumentException("the refresh window must be between 1 and 59 days");
        }
        if (checkInterval.compareTo(Duration.ofHours(1)) < 0 || checkInterval.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("the token check interval must be between 1 hour and 30 days");
        }
        if (interval.isNegative()
                || interval.isZero()
                || concurrency < 1
                || batchSize < 1
                || lease.isNegative()
                || lease.isZero()) {
            throw new IllegalArgumentException(
                    "the refresh interval, concurrency, batch size and lease must be positive");
        }
    }

    public static RefreshPolicy defaults() {
        return new RefreshPolicy(
                Duration.ofDays(30), Duration.ofHours(24), Duration.ofHours(1), 4, 50, Duration.ofMinutes(5));
    }

    public Duration minTokenAge() {
        return MIN_TOKEN_AGE;
    }
}
