package co.plugkit.internal.engine;

import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.crypto.UnreadableTokenException;
import co.plugkit.model.Account;
import co.plugkit.provider.ProviderException;
import co.plugkit.store.AccountStore;
import co.plugkit.store.RefreshClaim;
import co.plugkit.store.RefreshStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a refresh or a check ends in the store: a new token kept (tried a few times), a final failure
 * marking the account {@code needs_reconnect}, a transient one backing off, or a newer state winning.
 * Every write is compare-and-set on the claimed token's version ({@link RefreshStore}).
 */
final class RefreshResults {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
    private static final SecureRandom JITTER = new SecureRandom();

    /** The first back-off after a transient failure; it doubles each time, up to {@link #MAX_BACKOFF}. */
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(15);

    static final Duration MAX_BACKOFF = Duration.ofHours(12);

    private final AccountStore accounts;
    private final RefreshStore leases;
    private final Clock clock;

    RefreshResults(AccountStore accounts, RefreshStore leases, Clock clock) {
        this.accounts = accounts;
        this.leases = leases;
        this.clock = clock;
    }

    /**
     * The provider refused a refresh or a check ({@code activity}). Rejected for good (as its provider
     * judges, {@link Provider#permanentFailureReason}): the account needs reconnecting and its token is wiped. Anything else: the token
     * stays and the account is left alone (not refreshed, not checked) until a back-off has passed.
     */
    RefreshOutcome failed(RefreshClaim claim, Optional<String> reason, ProviderException e, String activity) {
        Instant now = clock.instant();
        if (reason.isPresent()) {
            LOG.warn("Account {} needs reconnecting ({}): {}", claim.accountId(), reason.get(), e.getMessage());
            return leases.markNeedsReconnect(claim, reason.get(), now)
                    ? new RefreshOutcome.NeedsReconnect(current(claim).orElseThrow(), reason.get())
                    : superseded(claim);
        }
        Instant next = now.plus(backoff(claim.failures()));
        LOG.warn("{} account {} failed for now, retry after {}: {}", activity, claim.accountId(), next, e.getMessage());
        return leases.deferRefresh(claim, next, now) ? new RefreshOutcome.Deferred(e.getMessage()) : superseded(claim);
    }

    /**
     * The stored token does not open, so nothing was sent to Instagram. Damaged, tampered with or copied
     * from another account's row ({@link TokenCipher}), it can never be used: the account needs
     * reconnecting ({@value TokenRefresher#TOKEN_UNREADABLE}) and the token is wiped, as a token Instagram rejected is.
     *
     * <p>A token sealed with a key this server lacks is another matter: start-up refuses a database with
     * such tokens, so one found now was written since by a server configured with another key. That is
     * the configuration's fault, not the token's, which may open on that server; it is kept, the account
     * is left as it is, and the error is logged for the operator.
     */
    RefreshOutcome unreadable(RefreshClaim claim, UnreadableTokenException e) {
        if (e.reason() == UnreadableTokenException.Reason.UNKNOWN_KEY) {
            LOG.error(
                    "Account {} was not refreshed or checked: {}. Every server on this database needs the same"
                            + " PLUGKIT_ENCRYPTION_KEY",
                    claim.accountId(),
                    e.getMessage());
            leases.release(claim);
            return new RefreshOutcome.NotAttempted(RefreshOutcome.Skip.TOKEN_KEY_UNKNOWN, current(claim));
        }
        LOG.warn(
                "Account {} needs reconnecting ({}): {}",
                claim.accountId(),
                TokenRefresher.TOKEN_UNREADABLE,
                e.getMessage());
        return leases.markNeedsReconnect(claim, TokenRefresher.TOKEN_UNREADABLE, clock.instant())
                ? new RefreshOutcome.NeedsReconnect(current(claim).orElseThrow(), TokenRefresher.TOKEN_UNREADABLE)
                : superseded(claim);
    }

    /**
     * Instagram may have replaced the old token with the new one, so a new token is worth a few tries to
     * store before it is given up (the old token then stays, and a later run refreshes again).
     */
    boolean storeWithRetry(
            RefreshClaim claim, co.plugkit.model.SealedToken token, Instant issuedAt, Optional<Instant> expiresAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                return leases.storeRefreshed(claim, token, issuedAt, expiresAt);
            } catch (co.plugkit.store.StoreUnavailableException e) {
                if (attempt == 3) {
                    throw e;
                }
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    RefreshOutcome superseded(RefreshClaim claim) {
        LOG.info("Account {} changed while its token was being refreshed; the newer state stands", claim.accountId());
        return new RefreshOutcome.Superseded(current(claim));
    }

    Optional<Account> current(RefreshClaim claim) {
        return accounts.find(claim.workspaceId(), claim.accountId());
    }

    /** Doubling back-off with full jitter, so that servers and accounts don't retry in lockstep. */
    static Duration backoff(int failures) {
        long base = FIRST_BACKOFF.toMillis() << Math.min(failures, 10);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (JITTER.nextDouble() * (capped / 2)));
    }
}
