package co.plugkit.engine;

import co.plugkit.crypto.Hashing;
import co.plugkit.crypto.TokenCipher;
import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.instagram.InstagramApi;
import co.plugkit.instagram.InstagramException;
import co.plugkit.instagram.LongLivedToken;
import co.plugkit.model.Account;
import co.plugkit.model.AccountStatus;
import co.plugkit.store.AccountStore;
import co.plugkit.store.RefreshClaim;
import co.plugkit.threads.GuestThreads;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tokens alive. {@link #runOnce()} claims the accounts that are due (a database lease, so any
 * number of servers can run it at once without refreshing an account twice), refreshes them with bounded
 * concurrency — holding no database connection while Instagram answers — and writes each result with
 * compare-and-set on the token's version, so a reconnect that happened meanwhile always wins.
 */
public final class TokenRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
    private static final SecureRandom JITTER = new SecureRandom();

    private final AccountStore accounts;
    private final InstagramApi instagram;
    private final TokenCipher cipher;
    private final RefreshPolicy policy;
    private final Clock clock;
    private final String owner = "refresher-" + Hashing.randomUrlToken(9);
    private final GuestThreads threads = new GuestThreads("plugkit-refresh-");
    private final ExecutorService workers;

    public TokenRefresher(
            AccountStore accounts, InstagramApi instagram, TokenCipher cipher, RefreshPolicy policy, Clock clock) {
        this.accounts = accounts;
        this.instagram = instagram;
        this.cipher = cipher;
        this.policy = policy;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(policy.concurrency(), threads);
    }

    /** What one run did. */
    public record Report(int refreshed, int needsReconnect, int deferred, int superseded, int expired) {
        public int attempted() {
            return refreshed + needsReconnect + deferred + superseded;
        }
    }

    /** One pass over every due account; one account's failure never stops the others. */
    public Report runOnce() {
        Instant now = clock.instant();
        int expired = accounts.markExpired(now);
        int[] counts = new int[4];
        while (true) {
            Instant at = clock.instant();
            List<RefreshClaim> claims = accounts.claimDue(
                    at,
                    at.minus(policy.minTokenAge()),
                    at.plus(policy.window()),
                    owner,
                    at.plus(policy.lease()),
                    policy.batchSize());
            if (claims.isEmpty()) {
                break;
            }
            List<Future<RefreshOutcome>> results = new ArrayList<>();
            for (RefreshClaim claim : claims) {
                results.add(workers.submit(() -> refresh(claim)));
            }
            for (Future<RefreshOutcome> result : results) {
                counts[index(await(result))]++;
            }
        }
        Report report = new Report(counts[0], counts[1], counts[2], counts[3], expired);
        if (report.attempted() > 0 || expired > 0) {
            LOG.info(
                    "Token refresh run: {} refreshed, {} need reconnecting, {} deferred, {} superseded, {} expired",
                    report.refreshed(),
                    report.needsReconnect(),
                    report.deferred(),
                    report.superseded(),
                    expired);
        }
        return report;
    }

    /** {@code POST /v1/accounts/{id}/refresh}: the same rules and the same outcomes, for one account now. */
    public RefreshOutcome refreshNow(WorkspaceId workspaceId, AccountId id) {
        Instant now = clock.instant();
        Optional<RefreshClaim> claim = accounts.claim(workspaceId, id, now, owner, now.plus(policy.lease()));
        if (claim.isEmpty()) {
            Optional<Account> account = accounts.find(workspaceId, id);
            if (account.isEmpty()) {
                return new RefreshOutcome.NotFound();
            }
            boolean active = account.get().status() == AccountStatus.ACTIVE;
            return new RefreshOutcome.NotAttempted(active ? "refresh_in_progress" : "account_not_active", account);
        }
        if (claim.get().tokenIssuedAt().plus(policy.minTokenAge()).isAfter(now)) {
            accounts.release(claim.get());
            return new RefreshOutcome.NotAttempted("token_too_new", accounts.find(workspaceId, id));
        }
        return refresh(claim.get());
    }

    private RefreshOutcome refresh(RefreshClaim claim) {
        try {
            LongLivedToken token = instagram.refresh(cipher.open(claim.token()));
            Instant issuedAt = clock.instant();
            boolean stored =
                    storeWithRetry(claim, cipher.seal(token.accessToken()), issuedAt, issuedAt.plus(token.expiresIn()));
            if (!stored) {
                return superseded(claim);
            }
            return new RefreshOutcome.Refreshed(current(claim).orElseThrow());
        } catch (InstagramException e) {
            Optional<String> reason = RefreshFailures.permanentReason(e);
            Instant now = clock.instant();
            if (reason.isPresent()) {
                LOG.warn("Account {} needs reconnecting ({}): {}", claim.accountId(), reason.get(), e.getMessage());
                return accounts.markNeedsReconnect(claim, reason.get(), now)
                        ? new RefreshOutcome.NeedsReconnect(current(claim).orElseThrow(), reason.get())
                        : superseded(claim);
            }
            Instant next = now.plus(backoff(claim.failures()));
            LOG.warn(
                    "Refreshing account {} failed for now, retry after {}: {}",
                    claim.accountId(),
                    next,
                    e.getMessage());
            return accounts.deferRefresh(claim, next, now)
                    ? new RefreshOutcome.Deferred(e.getMessage())
                    : superseded(claim);
        } catch (RuntimeException e) {
            // A bug or a database hiccup on one account must not stop the batch; the lease runs out and a
            // later run tries again.
            LOG.error("Refreshing account {} failed unexpectedly", claim.accountId(), e);
            return new RefreshOutcome.Deferred(e.getClass().getSimpleName());
        }
    }

    /**
     * Instagram may have replaced the old token with the new one, so a new token is worth a few tries to
     * store before it is given up (the old token then stays, and a later run refreshes again).
     */
    private boolean storeWithRetry(
            RefreshClaim claim, co.plugkit.model.SealedToken token, Instant issuedAt, Instant expiresAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                return accounts.storeRefreshed(claim, token, issuedAt, expiresAt);
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

    private RefreshOutcome superseded(RefreshClaim claim) {
        LOG.info("Account {} changed while its token was being refreshed; the newer state stands", claim.accountId());
        return new RefreshOutcome.Superseded(current(claim));
    }

    private Optional<Account> current(RefreshClaim claim) {
        return accounts.find(claim.workspaceId(), claim.accountId());
    }

    /** Doubling back-off with full jitter, so that servers and accounts don't retry in lockstep. */
    static Duration backoff(int failures) {
        long base = RefreshPolicy.FIRST_BACKOFF.toMillis() << Math.min(failures, 10);
        long capped = Math.min(base, RefreshPolicy.MAX_BACKOFF.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (JITTER.nextDouble() * (capped / 2)));
    }

    private static int index(RefreshOutcome outcome) {
        if (outcome instanceof RefreshOutcome.Refreshed) {
            return 0;
        }
        if (outcome instanceof RefreshOutcome.NeedsReconnect) {
            return 1;
        }
        return outcome instanceof RefreshOutcome.Deferred ? 2 : 3;
    }

    private static RefreshOutcome await(Future<RefreshOutcome> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RefreshOutcome.Deferred("interrupted");
        } catch (ExecutionException e) {
            return new RefreshOutcome.Deferred(e.getCause().getClass().getSimpleName());
        }
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
