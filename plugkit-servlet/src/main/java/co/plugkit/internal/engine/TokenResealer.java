package co.plugkit.internal.engine;

import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.crypto.UnreadableTokenException;
import co.plugkit.store.AccountStore;
import co.plugkit.store.RefreshClaim;
import co.plugkit.store.RefreshStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key rotation's background job: seals every stored token that an old key sealed again with the primary
 * key, so that the old key can then be removed without losing a token.
 *
 * <p>It works in batches of claims taken with the refresher's own lease ({@link RefreshStore#claimForReseal}),
 * so a re-seal never runs on an account a refresh or a check holds, and no two servers re-seal the same
 * account at once. Each write is compare-and-set on the token's version and on the lease, so a token
 * refreshed or reconnected meanwhile is never overwritten. The job keeps no progress of its own: what is
 * left is exactly the rows still on old keys, so a job stopped midway (a server closed, a lease left behind
 * until it runs out) resumes at the next run, on any server.
 */
public final class TokenResealer {
    private static final Logger LOG = LoggerFactory.getLogger(TokenResealer.class);

    private final AccountStore accounts;
    private final RefreshStore leases;
    private final TokenCipher cipher;
    private final int batchSize;
    private final Duration lease;
    private final Clock clock;
    private final String owner = "resealer-" + Hashing.randomUrlToken(9);

    public TokenResealer(
            AccountStore accounts,
            RefreshStore leases,
            TokenCipher cipher,
            int batchSize,
            Duration lease,
            Clock clock) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.accounts = accounts;
        this.leases = leases;
        this.cipher = cipher;
        this.batchSize = batchSize;
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * What one run did: tokens sealed again with the primary key, tokens that changed meanwhile (their new
     * token is already sealed with the primary key), and tokens that did not open (left on their key, their
     * lease left to run out, so this run does not try them again).
     */
    public record Report(int resealed, int superseded, int unreadable) {}

    /** The id of the key that seals, as {@code GET /admin/v1/encryption} shows it. */
    public String primaryKeyId() {
        return cipher.keyId();
    }

    /** How many stored tokens are sealed with another key than the primary one. */
    public long rowsOnOldKeys() {
        long rows = 0;
        for (Map.Entry<String, Long> count : accounts.countTokensByKeyId().entrySet()) {
            if (!count.getKey().equals(cipher.keyId())) {
                rows += count.getValue();
            }
        }
        return rows;
    }

    /** Re-seals batch after batch until no token on an old key is left to claim. Nothing without old keys. */
    public Report runOnce() {
        return run(Integer.MAX_VALUE);
    }

    /**
     * At most {@code maxBatches} batches: a run cut short, as a server stopped in the middle of one leaves
     * it (tests).
     */
    Report run(int maxBatches) {
        if (!cipher.hasOldKeys()) {
            return new Report(0, 0, 0);
        }
        int[] counts = new int[3];
        for (int batch = 0; batch < maxBatches; batch++) {
            Instant now = clock.instant();
            List<RefreshClaim> claims = leases.claimForReseal(cipher.keyId(), now, owner, now.plus(lease), batchSize);
            if (claims.isEmpty()) {
                break;
            }
            for (RefreshClaim claim : claims) {
                counts[reseal(claim)]++;
            }
        }
        Report report = new Report(counts[0], counts[1], counts[2]);
        if (counts[0] + counts[1] + counts[2] > 0) {
            LOG.info(
                    "Key rotation: {} tokens sealed again with key {}, {} changed meanwhile, {} unreadable;"
                            + " {} left on old keys",
                    report.resealed(),
                    cipher.keyId(),
                    report.superseded(),
                    report.unreadable(),
                    rowsOnOldKeys());
        }
        return report;
    }

    /** @return the index in {@link Report}'s order of what happened */
    private int reseal(RefreshClaim claim) {
        TokenBinding binding =
                new TokenBinding(claim.workspaceId(), claim.profileId(), claim.platform(), claim.externalId());
        try {
            return leases.storeResealed(claim, cipher.reseal(claim.token(), binding), owner) ? 0 : 1;
        } catch (UnreadableTokenException e) {
            // The token stays as it is, and so does the lease until it runs out: the next batches of this run
            // skip it, a later run tries again, and the refresher deals with a damaged token as it always does.
            LOG.warn(
                    "Key rotation: account {} keeps its token on key {}: {}",
                    claim.accountId(),
                    claim.token().keyId(),
                    e.getMessage());
            return 2;
        }
    }
}
