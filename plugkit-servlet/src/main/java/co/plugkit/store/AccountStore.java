package co.plugkit.store;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.SealedToken;
import co.plugkit.provider.Platform;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Connected accounts and their sealed tokens, as the API and the connect flow see them. The refresher's
 * claims and writes are in {@link RefreshStore}.
 */
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

    /**
     * How many accounts, in every workspace, hold a sealed token, per id of the key that sealed it. PlugKit
     * reads it once at start-up to refuse a key that cannot open the stored tokens.
     */
    Map<String, Long> countTokensByKeyId();

    /** Accounts in the order they were connected, optionally of one profile only. */
    Page<Account> list(WorkspaceId workspaceId, Optional<ProfileId> profileId, int limit, Optional<Cursor> after);

    /**
     * Deauthorization: every account of this user of the platform (matched on its external or app-scoped
     * id), in every workspace, becomes {@code disconnected} and its token is wiped.
     *
     * @return how many accounts were disconnected
     */
    int disconnectUser(Platform platform, String userId, Instant now);

    /** Data deletion: every account of this user of the platform, in every workspace, is deleted. */
    int deleteUser(Platform platform, String userId);

    /**
     * Removes an account and its token.
     *
     * @return true if it existed in that workspace
     */
    boolean delete(WorkspaceId workspaceId, AccountId id);
}
