package co.plugkit.store;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.AccountProfile;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.SealedToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Connected accounts and their sealed tokens. */
public interface AccountStore {

    /**
     * Stores a connection atomically, keyed on (profile, Instagram user): the first connection inserts an
     * account, a later one of the same Instagram account into the same profile updates that account
     * (token, expiry, profile fields, status back to active). Never two rows, even when callbacks race.
     *
     * @param newId the id to use if a new account is created
     */
    Account upsert(AccountConnection connection, AccountId newId, Instant now);

    /** The account, only if it belongs to that workspace. */
    Optional<Account> find(WorkspaceId workspaceId, AccountId id);

    /** The sealed token of an account, if it has one. */
    Optional<SealedToken> findToken(WorkspaceId workspaceId, AccountId id);

    /** Accounts in the order they were connected, optionally of one profile only. */
    Page<Account> list(WorkspaceId workspaceId, Optional<ProfileId> profileId, int limit, Optional<Cursor> after);

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
     * @return false if the account was reconnected, disconnected or deleted meanwhile (nothing written)
     */
    boolean storeRefreshed(RefreshClaim claim, SealedToken token, Instant issuedAt, Instant expiresAt);

    /** Instagram rejected the token for good: {@code needs_reconnect} with a reason (compare-and-set). */
    boolean markNeedsReconnect(RefreshClaim claim, String reason, Instant now);

    /** A transient failure: keep the token, try again at {@code nextAttempt} (compare-and-set). */
    boolean deferRefresh(RefreshClaim claim, Instant nextAttempt, Instant now);

    /** Gives a claim back untouched (the refresh was not attempted). */
    void release(RefreshClaim claim);

    /** Marks active accounts whose token has expired {@code needs_reconnect} ({@code token_expired}). */
    int markExpired(Instant now);

    /**
     * Deauthorization: every account of this Instagram user (matched on its professional or app-scoped
     * id), in every workspace, becomes {@code disconnected} and its token is wiped.
     *
     * @return how many accounts were disconnected
     */
    int disconnectInstagramUser(String instagramUserId, Instant now);

    /** Data deletion: every account of this Instagram user, in every workspace, is deleted. */
    int deleteInstagramUser(String instagramUserId);

    /**
     * Removes an account and its token.
     *
     * @return true if it existed in that workspace
     */
    boolean delete(WorkspaceId workspaceId, AccountId id);
}
