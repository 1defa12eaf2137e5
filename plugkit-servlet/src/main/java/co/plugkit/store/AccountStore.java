package co.plugkit.store;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.Actor;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.SealedToken;
import co.plugkit.model.WebhookSubscription;
import co.plugkit.provider.Platform;
import java.time.Instant;
import java.util.List;
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
     * In the same transaction it writes the event {@code account.connected} (a new account) or {@code
     * account.reconnected} (an existing one), caused by {@code actor}.
     *
     * @param newId the id to use if a new account is created
     */
    Account upsert(AccountConnection connection, AccountId newId, Instant now, Actor actor);

    /** {@link #upsert(AccountConnection, AccountId, Instant, Actor)} caused by PlugKit itself. */
    default Account upsert(AccountConnection connection, AccountId newId, Instant now) {
        return upsert(connection, newId, now, Actor.SYSTEM);
    }

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
     * id), in every workspace, becomes {@code disconnected} and its token is wiped. Each account that was
     * not disconnected already gets the event {@code account.disconnected} (actor {@code meta}), in the same
     * transaction.
     *
     * @return how many accounts were disconnected
     */
    int disconnectUser(Platform platform, String userId, Instant now);

    /**
     * Data deletion: every account of this user of the platform, in every workspace, is deleted, each with
     * the event {@code account.deleted} (actor {@code meta}) in the same transaction.
     */
    int deleteUser(Platform platform, String userId, Instant now);

    /** {@link #deleteUser(Platform, String, Instant)} at the system clock's time. */
    default int deleteUser(Platform platform, String userId) {
        return deleteUser(platform, userId, Instant.now());
    }

    /**
     * Removes an account and its token, with the event {@code account.disconnected} caused by {@code actor}
     * in the same transaction.
     *
     * @return true if it existed in that workspace
     */
    boolean delete(WorkspaceId workspaceId, AccountId id, Actor actor, Instant now);

    /** {@link #delete(WorkspaceId, AccountId, Actor, Instant)} caused by PlugKit itself, now. */
    default boolean delete(WorkspaceId workspaceId, AccountId id) {
        return delete(workspaceId, id, Actor.SYSTEM, Instant.now());
    }

    /** Every account, in every workspace, of this user of the platform (matched on its external id). */
    List<Account> findByExternalId(Platform platform, String externalId);

    /**
     * Records the outcome of subscribing an account to the app's webhooks and counts consecutive failures
     * (a success resets them); a failure is tried again from the instant {@code retryAt} gives for the
     * failures counted so far ({@link #claimWebhookRetries}).
     */
    void recordWebhooks(
            AccountId id, WebhookSubscription outcome, java.util.function.IntFunction<Optional<Instant>> retryAt);

    /**
     * Claims active accounts whose webhook subscription failed and is due again, at most {@code limit}:
     * each claim moves its retry time to {@code leaseUntil} with a conditional update, so no two servers
     * retry one account at once.
     */
    List<Account> claimWebhookRetries(Instant now, Instant leaseUntil, int limit);
}
