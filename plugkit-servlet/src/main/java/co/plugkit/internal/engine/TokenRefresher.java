package co.plugkit.internal.engine;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.crypto.UnreadableTokenException;
import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.internal.threads.GuestThreads;
import co.plugkit.model.Account;
import co.plugkit.model.AccountProfile;
import co.plugkit.model.AccountStatus;
import co.plugkit.provider.Provider;
import co.plugkit.provider.ProviderException;
import co.plugkit.provider.ProviderProfile;
import co.plugkit.provider.ProviderToken;
import co.plugkit.provider.Providers;
import co.plugkit.settings.RefreshPolicy;
import co.plugkit.store.AccountStore;
import co.plugkit.store.RefreshClaim;
import co.plugkit.store.RefreshStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tokens alive. {@link #runOnce()} claims the accounts that are due (a database lease, so any
 * number of servers can run it at once without refreshing an account twice), refreshes them with bounded
 * concurrency — holding no database connection while Instagram answers — and writes each result with
 * compare-and-set on the token's version, so a reconnect that happened meanwhile always wins.
 *
 * <p>A token can also die between refreshes without anyone telling PlugKit (a password change, an app
 * removed while Meta's callback got lost). So the same run then checks, the same way, each active token
 * that has not been refreshed or checked for {@link RefreshPolicy#checkInterval()}: one {@code /me}
 * call, which also brings the account's username, name and picture up to date.
 */
public final class TokenRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);

    /** The {@code statusReason} of an account whose stored token does not open. */
    public static final String TOKEN_UNREADABLE = "token_unreadable";

    private final AccountStore accounts;
    private final RefreshStore leases;
    private final Providers providers;
    private final TokenCipher cipher;
    private final RefreshPolicy policy;
    private final Clock clock;
    private final String owner = "refresher-" + Hashing.randomUrlToken(9);
    private final GuestThreads threads = new GuestThreads("plugkit-refresh-");
    private final ExecutorService workers;
    private final RefreshResults results;
    private final Telemetry telemetry;

    public TokenRefresher(
            AccountStore accounts,
            RefreshStore leases,
            Providers providers,
            TokenCipher cipher,
            RefreshPolicy policy,
            Clock clock,
            Telemetry telemetry) {
        this.accounts = accounts;
        this.leases = leases;
        this.providers = providers;
        this.cipher = cipher;
        this.policy = policy;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(policy.concurrency(), threads);
        this.results = new RefreshResults(accounts, leases, clock);
        this.telemetry = telemetry;
    }

    /**
     * What one run did: tokens refreshed, tokens checked and still good, accounts that need reconnecting
     * (found by a refresh or a check), attempts deferred by a transient failure, results superseded by a
     * newer state, and tokens found expired.
     */
    public record Report(int refreshed, int checked, int needsReconnect, int deferred, int superseded, int expired) {
        /** How many accounts Instagram was asked about. */
        public int attempted() {
            return refreshed + checked + needsReconnect + deferred + superseded;
        }
    }

    /**
     * One pass: refreshes every account due for a refresh, then checks every other token due for a check.
     * One account's failure never stops the others.
     */
    public Report runOnce() {
        int expired = leases.markExpired(clock.instant());
        RefreshTally tally = new RefreshTally();
        drain(
                at -> leases.claimDue(
                        at,
                        at.minus(policy.minTokenAge()),
                        at.plus(policy.window()),
                        owner,
                        at.plus(policy.lease()),
                        policy.batchSize()),
                this::refresh,
                tally);
        drain(
                at -> leases.claimForCheck(
                        at, at.minus(policy.checkInterval()), owner, at.plus(policy.lease()), policy.batchSize()),
                this::check,
                tally);
        Report report = tally.report(expired);
        if (report.attempted() > 0 || expired > 0) {
            LOG.info(
                    "Token refresh run: {} refreshed, {} checked, {} need reconnecting, {} deferred, {} superseded,"
                            + " {} expired",
                    report.refreshed(),
                    report.checked(),
                    report.needsReconnect(),
                    report.deferred(),
                    report.superseded(),
                    expired);
        }
        return report;
    }

    /**
     * Claims batches until none is left, runs {@code task} on each claim on the workers, and counts outcomes.
     * An account is tried at most once per run: should one come back claimable after its attempt (a task
     * that left it due), it is given back and the run moves on rather than asking Instagram again.
     */
    private void drain(
            Function<Instant, List<RefreshClaim>> claimBatch,
            Function<RefreshClaim, RefreshOutcome> task,
            RefreshTally tally) {
        Set<AccountId> tried = new HashSet<>();
        while (true) {
            List<RefreshClaim> claims = new ArrayList<>();
            for (RefreshClaim claim : claimBatch.apply(clock.instant())) {
                if (tried.add(claim.accountId())) {
                    claims.add(claim);
                } else {
                    leases.release(claim);
                }
            }
            if (claims.isEmpty()) {
                return;
            }
            List<Future<RefreshOutcome>> results = new ArrayList<>();
            for (RefreshClaim claim : claims) {
                results.add(workers.submit(() -> task.apply(claim)));
            }
            results.forEach(tally::add);
        }
    }

    /** {@code POST /v1/accounts/{id}/refresh}: the same rules and the same outcomes, for one account now. */
    public RefreshOutcome refreshNow(WorkspaceId workspaceId, AccountId id) {
        Instant now = clock.instant();
        Optional<RefreshClaim> claim = leases.claim(workspaceId, id, now, owner, now.plus(policy.lease()));
        if (claim.isEmpty()) {
            Optional<Account> account = accounts.find(workspaceId, id);
            if (account.isEmpty()) {
                return new RefreshOutcome.NotFound();
            }
            boolean active = account.get().status() == AccountStatus.ACTIVE;
            return new RefreshOutcome.NotAttempted(
                    active ? RefreshOutcome.Skip.REFRESH_IN_PROGRESS : RefreshOutcome.Skip.ACCOUNT_NOT_ACTIVE, account);
        }
        if (claim.get().tokenIssuedAt().plus(policy.minTokenAge()).isAfter(now)) {
            leases.release(claim.get());
            return new RefreshOutcome.NotAttempted(RefreshOutcome.Skip.TOKEN_TOO_NEW, accounts.find(workspaceId, id));
        }
        return refresh(claim.get());
    }

    /** Refreshes a claimed account; also {@link AccountTokens}' refresh before use, under the same lease. */
    RefreshOutcome refresh(RefreshClaim claim) {
        return Metered.token(telemetry, "refresh", claim.platform(), attemptRefresh(claim));
    }

    private RefreshOutcome attemptRefresh(RefreshClaim claim) {
        try {
            ProviderToken token = provider(claim).refresh(cipher.open(claim.token(), binding(claim)));
            Instant issuedAt = clock.instant();
            boolean stored = results.storeWithRetry(
                    claim,
                    cipher.seal(token.accessToken(), binding(claim)),
                    issuedAt,
                    token.expiresIn().map(issuedAt::plus));
            if (!stored) {
                return results.superseded(claim);
            }
            return new RefreshOutcome.Refreshed(results.current(claim).orElseThrow());
        } catch (UnreadableTokenException e) {
            return results.unreadable(claim, e);
        } catch (ProviderException e) {
            return results.failed(claim, provider(claim).permanentFailureReason(e), e, "Refreshing");
        } catch (RuntimeException e) {
            // A bug or a database hiccup on one account must not stop the batch; the lease runs out and a
            // later run tries again.
            LOG.error("Refreshing account {} failed unexpectedly", claim.accountId(), e);
            return new RefreshOutcome.Deferred(e.getClass().getSimpleName());
        }
    }

    /**
     * Asks Instagram whether the token still works; a token that does brings the account's profile fields
     * up to date. Failures end as a refresh's do ({@link #failed}).
     */
    private RefreshOutcome check(RefreshClaim claim) {
        return Metered.token(telemetry, "check", claim.platform(), attemptCheck(claim));
    }

    private RefreshOutcome attemptCheck(RefreshClaim claim) {
        try {
            ProviderProfile profile = provider(claim).profile(cipher.open(claim.token(), binding(claim)));
            AccountProfile now = new AccountProfile(profile.username(), profile.displayName(), profile.pictureUrl());
            return leases.recordChecked(claim, now, clock.instant())
                    ? new RefreshOutcome.Checked(results.current(claim).orElseThrow())
                    : results.superseded(claim);
        } catch (UnreadableTokenException e) {
            return results.unreadable(claim, e);
        } catch (ProviderException e) {
            return results.failed(claim, provider(claim).permanentFailureReason(e), e, "Checking");
        } catch (RuntimeException e) {
            LOG.error("Checking account {} failed unexpectedly", claim.accountId(), e);
            return new RefreshOutcome.Deferred(e.getClass().getSimpleName());
        }
    }

    /**
     * The provider of the claimed account's platform. An account of a platform this PlugKit has no
     * provider for (one taken out of the build) fails here; the failure is logged and the account stays as
     * it is, its lease running out.
     */
    private Provider provider(RefreshClaim claim) {
        return providers
                .find(claim.platform())
                .orElseThrow(() -> new IllegalStateException("no provider for platform " + claim.platform()));
    }

    private static TokenBinding binding(RefreshClaim claim) {
        return new TokenBinding(claim.workspaceId(), claim.profileId(), claim.platform(), claim.externalId());
    }

    /** How outcomes are written, shared with {@link AccountTokens} so a rejected token ends the same way. */
    RefreshResults results() {
        return results;
    }

    /** Stops the workers; a refresh in flight gets a few seconds to finish. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            threads.awaitEnd(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
