package co.plugkit.store;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.AccountProfile;
import co.plugkit.model.SealedToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the token refresher needs of the accounts: claims (leases) on accounts due for a refresh or a
 * check, and the writes of their outcomes, each compare-and-set on the token's version so that a newer
 * state (a reconnect, a deauthorization) always wins over an older result.
 */
public interface RefreshStore {

    /**
     * Claims accounts whose token is due for a refresh, at most {@code limit}: active, with a token issued
     * before {@code issuedBefore}, expiring before {@code expiresBefore} (or of unknown expiry) but not
     * yet expired, not backed off past {@code now}, and not leased by anyone else. Each claim is a lease
     * until {@code leaseUntil}, taken with a conditional update, so concurrent refreshers on any number of
     * servers never claim the same account twice.
     */
    List<RefreshClaim> claimDue(
            Instant now, Instant issuedBefore, Instant expiresBefore, String owner, Instant leaseUntil, int limit);

    /**
     * Claims accounts whose token is due for a check that Instagram still accepts it, at most {@code
     * limit}: active, not expired, and neither connected, refreshed nor checked since {@code
     * checkedBefore}; leased as {@link #claimDue} leases, so no two servers check the same account.
     */
    List<RefreshClaim> claimForCheck(Instant now, Instant checkedBefore, String owner, Instant leaseUntil, int limit);

    /**
     * Instagram accepted the token: records the check and what it said of the account now, clears any
     * back-off, and releases the lease (compare-and-set on the token's version).
     *
     * @return false if the account was reconnected, disconnected or deleted meanwhile (nothing written)
     */
    boolean recordChecked(RefreshClaim claim, AccountProfile profile, Instant now);

    /** Claims one account of a workspace for a refresh now, if it is active, has a token and is not leased. */
    Optional<RefreshClaim> claim(WorkspaceId workspaceId, AccountId id, Instant now, String owner, Instant leaseUntil);

    /**
     * Stores a refreshed token, if the token is still the one that was claimed (compare-and-set on its
     * version), and releases the lease.
     *
     * @param expiresAt empty when Instagram gave no believable lifetime (the token is then refreshed again
     *     once it is a day old)
     * @return false if the account was reconnected, disconnected or deleted meanwhile (nothing written)
     */
    boolean storeRefreshed(RefreshClaim claim, SealedToken token, Instant issuedAt, Optional<Instant> expiresAt);

    /** Instagram rejected the token for good: {@code needs_reconnect} with a reason (compare-and-set). */
    boolean markNeedsReconnect(RefreshClaim claim, String reason, Instant now);

    /** A transient failure: keep the token, try again at {@code nextAttempt} (compare-and-set). */
    boolean deferRefresh(RefreshClaim claim, Instant nextAttempt, Instant now);

    /** Gives a claim back untouched (the refresh was not attempted). */
    void release(RefreshClaim claim);

    /**
     * Claims accounts whose stored token was sealed with another key than {@code primaryKeyId}, at most
     * {@code limit}, whatever their status: the key rotation's re-seal. Leased as {@link #claimDue} leases
     * (the same lease), so a re-seal and a refresh or check never hold one account at once, and no two
     * servers re-seal one account at once. Rows whose lease another owner still holds are skipped; a lease
     * left behind by a stopped server runs out at its {@code lease_until}, and the row is claimable again.
     */
    List<RefreshClaim> claimForReseal(String primaryKeyId, Instant now, String owner, Instant leaseUntil, int limit);

    /**
     * Stores the claimed token sealed again with the primary key, if the token is still the one that was
     * claimed (compare-and-set on its version) and {@code owner} still holds the lease, and releases the
     * lease. The token's version is not bumped: the token itself did not change, so a refresh that claimed
     * it before (and whose lease ran out) may still store its newer token.
     *
     * @return false if the token changed meanwhile (refreshed, reconnected, wiped) or the lease was lost
     *     (nothing written)
     */
    boolean storeResealed(RefreshClaim claim, SealedToken token, String owner);

    /** Marks active accounts whose token has expired {@code needs_reconnect} ({@code token_expired}). */
    int markExpired(Instant now);
}
