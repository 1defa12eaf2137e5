package co.plugkit.internal.engine;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.crypto.UnreadableTokenException;
import co.plugkit.model.Account;
import co.plugkit.model.AccountStatus;
import co.plugkit.model.AccountUnavailableException;
import co.plugkit.model.AccountUnavailableException.Reason;
import co.plugkit.model.SealedToken;
import co.plugkit.provider.ProviderError;
import co.plugkit.provider.ProviderException;
import co.plugkit.settings.RefreshPolicy;
import co.plugkit.store.AccountStore;
import co.plugkit.store.RefreshClaim;
import co.plugkit.store.RefreshStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An account's token for use now: by the host in the same JVM ({@code PlugKit.accessToken}), by the
 * Graph API proxy and by the token export. A token the refresher would refresh (at least a day old and
 * expiring within {@link RefreshPolicy#window()}) is refreshed first, under the refresher's own lease
 * ({@link RefreshStore#claim}): of callers racing for one account, one refreshes and the others wait for
 * its result, so Instagram is asked once. An account whose refreshes have been failing is left to the
 * refresher's back-off; its token, still valid, is used as it is.
 */
public final class AccountTokens {
    private static final Logger LOG = LoggerFactory.getLogger(AccountTokens.class);
    private static final long POLL_MILLIS = 50;

    private final AccountStore accounts;
    private final RefreshStore leases;
    private final TokenRefresher refresher;
    private final TokenCipher cipher;
    private final RefreshPolicy policy;
    private final Duration waitForRefresh;
    private final boolean exportAllowed;
    private final Clock clock;
    private final String owner = "use-" + Hashing.randomUrlToken(9);

    /**
     * @param waitForRefresh how long a caller waits for another's refresh of the same account before it
     *     uses the token it has (one Instagram call's time)
     * @param exportAllowed whether API clients may read tokens ({@code plugkit.api.exposeTokens})
     */
    public AccountTokens(
            AccountStore accounts,
            RefreshStore leases,
            TokenRefresher refresher,
            TokenCipher cipher,
            RefreshPolicy policy,
            Duration waitForRefresh,
            boolean exportAllowed,
            Clock clock) {
        this.accounts = accounts;
        this.leases = leases;
        this.refresher = refresher;
        this.cipher = cipher;
        this.policy = policy;
        this.waitForRefresh = waitForRefresh;
        this.exportAllowed = exportAllowed;
        this.clock = clock;
    }

    /** Whether {@code GET /v1/accounts/{id}/token} may answer ({@code plugkit.api.exposeTokens}). */
    public boolean exportAllowed() {
        return exportAllowed;
    }

    /**
     * The account's current token, refreshed first if it is due.
     *
     * @throws AccountUnavailableException if the account is not in the workspace, or not active
     */
    public UsableToken current(WorkspaceId workspaceId, AccountId id) throws AccountUnavailableException {
        Account account = usable(workspaceId, id);
        if (!mayBeDue(account)) {
            return open(account);
        }
        long deadline = System.nanoTime() + waitForRefresh.toNanos();
        while (true) {
            Instant now = clock.instant();
            Optional<RefreshClaim> claim = leases.claim(workspaceId, id, now, owner, now.plus(policy.lease()));
            if (claim.isPresent()) {
                return refreshIfDue(claim.get());
            }
            // Another caller or the refresher holds the lease: wait for its result rather than refresh twice.
            account = usable(workspaceId, id);
            if (!mayBeDue(account) || System.nanoTime() - deadline > 0) {
                return open(account);
            }
            pause();
        }
    }

    /**
     * Instagram rejected the token on a call made with it: the account needs reconnecting with {@code
     * reason}, written as the refresher writes it ({@link RefreshResults#failed}), and only if the stored
     * token is still the one that was used. While a refresh holds the lease nothing is written: the refresh
     * finds the rejection itself, or stores a new token, which the rejection no longer concerns.
     */
    public void rejected(UsableToken used, ProviderError error, String reason) {
        Account account = used.account();
        Instant now = clock.instant();
        Optional<RefreshClaim> claim =
                leases.claim(account.workspaceId(), account.id(), now, owner, now.plus(policy.lease()));
        if (claim.isEmpty()) {
            LOG.info("Account {}: Instagram rejected its token while it is being refreshed", account.id());
            return;
        }
        if (!claim.get().token().equals(used.sealed())) {
            leases.release(claim.get());
            return;
        }
        refresher
                .results()
                .failed(
                        claim.get(),
                        Optional.of(reason),
                        new ProviderException(
                                ProviderException.Kind.REJECTED,
                                "Instagram rejected the token on a Graph API call (" + error + ")",
                                Optional.of(error)),
                        "Calling the Graph API with");
    }

    private UsableToken refreshIfDue(RefreshClaim claim) throws AccountUnavailableException {
        Instant now = clock.instant();
        boolean due = !claim.tokenIssuedAt().plus(policy.minTokenAge()).isAfter(now)
                && claim.tokenExpiresAt()
                        .map(e -> e.isBefore(now.plus(policy.window())))
                        .orElse(true)
                && claim.failures() == 0;
        if (!due) {
            leases.release(claim);
            return open(usable(claim.workspaceId(), claim.accountId()));
        }
        RefreshOutcome outcome = refresher.refresh(claim);
        if (outcome instanceof RefreshOutcome.NeedsReconnect r) {
            throw new AccountUnavailableException(claim.accountId(), Reason.NEEDS_RECONNECT, Optional.of(r.reason()));
        }
        if (outcome instanceof RefreshOutcome.NotAttempted n && n.reason() == RefreshOutcome.Skip.TOKEN_KEY_UNKNOWN) {
            throw new AccountUnavailableException(claim.accountId(), Reason.TOKEN_KEY_UNKNOWN, Optional.empty());
        }
        // Refreshed, superseded by a newer state, or deferred with the old token kept: whatever is stored now.
        return open(usable(claim.workspaceId(), claim.accountId()));
    }

    /** The account, if it is in the workspace, active, and its token not yet expired. */
    private Account usable(WorkspaceId workspaceId, AccountId id) throws AccountUnavailableException {
        Account account = accounts.find(workspaceId, id)
                .orElseThrow(() -> new AccountUnavailableException(id, Reason.NOT_FOUND, Optional.empty()));
        if (account.status() == AccountStatus.DISCONNECTED) {
            throw new AccountUnavailableException(id, Reason.DISCONNECTED, account.statusReason());
        }
        if (account.status() != AccountStatus.ACTIVE) {
            throw new AccountUnavailableException(id, Reason.NEEDS_RECONNECT, account.statusReason());
        }
        if (account.tokenExpiresAt().filter(e -> !e.isAfter(clock.instant())).isPresent()) {
            // The refresher's next run marks it so; the token is dead already.
            throw new AccountUnavailableException(id, Reason.NEEDS_RECONNECT, Optional.of("token_expired"));
        }
        return account;
    }

    /**
     * Whether the token might be due for a refresh, judged from what the account shows (its age is known
     * only to a claim): expiring within the window, or of unknown expiry. Most calls stop here, without a
     * write.
     */
    private boolean mayBeDue(Account account) {
        Instant soon = clock.instant().plus(policy.window());
        return account.tokenExpiresAt().map(e -> e.isBefore(soon)).orElse(true);
    }

    private UsableToken open(Account account) throws AccountUnavailableException {
        SealedToken sealed = accounts.findToken(account.workspaceId(), account.id())
                .orElseThrow(() ->
                        new AccountUnavailableException(account.id(), Reason.NEEDS_RECONNECT, account.statusReason()));
        try {
            return new UsableToken(
                    account,
                    sealed,
                    cipher.open(
                            sealed,
                            new TokenBinding(
                                    account.workspaceId(),
                                    account.profileId(),
                                    account.platform(),
                                    account.externalId())));
        } catch (UnreadableTokenException e) {
            LOG.warn("Account {}: its stored token does not open ({}): {}", account.id(), e.reason(), e.getMessage());
            throw e.reason() == UnreadableTokenException.Reason.UNKNOWN_KEY
                    ? new AccountUnavailableException(account.id(), Reason.TOKEN_KEY_UNKNOWN, Optional.empty())
                    : new AccountUnavailableException(
                            account.id(), Reason.NEEDS_RECONNECT, Optional.of(TokenRefresher.TOKEN_UNREADABLE));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a token refresh", e);
        }
    }
}
