package co.plugkit.internal.engine;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.crypto.UnreadableTokenException;
import co.plugkit.model.Account;
import co.plugkit.model.Actor;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.SealedToken;
import co.plugkit.provider.Provider;
import co.plugkit.provider.ProviderException;
import co.plugkit.provider.Providers;
import co.plugkit.secret.Secret;
import co.plugkit.store.AccountStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading and removing connected accounts; connecting them is {@link ConnectFlow}'s job. */
public final class Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    private final AccountStore store;
    private final Providers providers;
    private final TokenCipher cipher;
    private final Clock clock;

    public Accounts(AccountStore store, Providers providers, TokenCipher cipher, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Optional<Account> find(WorkspaceId workspaceId, AccountId id) {
        return store.find(workspaceId, id);
    }

    public Page<Account> list(
            WorkspaceId workspaceId, Optional<ProfileId> profileId, int limit, Optional<Cursor> after) {
        return store.list(workspaceId, profileId, limit, after);
    }

    /**
     * Disconnects an account: the row and its sealed token are deleted first, so the account is gone
     * whatever Instagram says; then the grant is revoked at Instagram, best effort — a failure there is
     * logged and changes nothing for the caller.
     *
     * @return true if the account existed in that workspace
     */
    public boolean disconnect(WorkspaceId workspaceId, AccountId id) {
        return disconnect(workspaceId, id, Actor.SYSTEM);
    }

    /** {@link #disconnect(WorkspaceId, AccountId)}, with {@code actor} (the API key) named in the event. */
    public boolean disconnect(WorkspaceId workspaceId, AccountId id, Actor actor) {
        // The account is read for the row its token is bound to (TokenCipher); a row never changes it.
        Optional<Account> account = store.find(workspaceId, id);
        Optional<SealedToken> token = account.isPresent() ? store.findToken(workspaceId, id) : Optional.empty();
        if (!store.delete(workspaceId, id, actor, clock.instant())) {
            return false;
        }
        token.ifPresent(sealedToken -> revokeUpstream(account.get(), sealedToken));
        return true;
    }

    /**
     * Revokes the grant at Instagram, with the account's own token only: a token that does not open (sealed
     * with another key, damaged, or copied from another account's row) is not sent anywhere, and the
     * skipped revoke is logged.
     */
    private void revokeUpstream(Account account, SealedToken sealed) {
        Secret token;
        try {
            token = cipher.open(
                    sealed,
                    new TokenBinding(
                            account.workspaceId(), account.profileId(), account.platform(), account.externalId()));
        } catch (UnreadableTokenException e) {
            LOG.warn(
                    "Account {} deleted; not revoked at Instagram, because its stored token could not be opened"
                            + " ({}): {}",
                    account.id(),
                    e.reason(),
                    e.getMessage());
            return;
        }
        Optional<Provider> provider = providers.find(account.platform());
        if (provider.isEmpty()) {
            LOG.warn("Account {} deleted; not revoked: no provider for {}", account.id(), account.platform());
            return;
        }
        try {
            provider.get().revoke(token);
        } catch (ProviderException e) {
            LOG.warn(
                    "Account {} deleted; revoking it at {} failed: {}",
                    account.id(),
                    account.platform(),
                    e.getMessage());
        }
    }
}
