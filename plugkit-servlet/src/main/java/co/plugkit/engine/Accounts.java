package co.plugkit.engine;

import co.plugkit.crypto.TokenCipher;
import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.instagram.InstagramApi;
import co.plugkit.instagram.InstagramException;
import co.plugkit.model.Account;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.SealedToken;
import co.plugkit.store.AccountStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading and removing connected accounts; connecting them is {@link ConnectFlow}'s job. */
public final class Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    private final AccountStore store;
    private final InstagramApi instagram;
    private final TokenCipher cipher;

    public Accounts(AccountStore store, InstagramApi instagram, TokenCipher cipher) {
        this.store = store;
        this.instagram = instagram;
        this.cipher = cipher;
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
        Optional<SealedToken> token = store.findToken(workspaceId, id);
        if (!store.delete(workspaceId, id)) {
            return false;
        }
        token.ifPresent(sealedToken -> revokeUpstream(id, sealedToken));
        return true;
    }

    private void revokeUpstream(AccountId id, SealedToken sealed) {
        try {
            instagram.revokePermissions(cipher.open(sealed));
        } catch (InstagramException e) {
            LOG.warn("Account {} deleted; revoking it at Instagram failed: {}", id, e.getMessage());
        } catch (IllegalStateException e) {
            LOG.warn("Account {} deleted; its token could not be opened to revoke it: {}", id, e.getMessage());
        }
    }
}
