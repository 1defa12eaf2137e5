package co.plugkit.engine;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.store.AccountStore;
import java.util.Optional;

/** Reading and removing connected accounts; connecting them is {@link ConnectFlow}'s job. */
public final class Accounts {
    private final AccountStore store;

    public Accounts(AccountStore store) {
        this.store = store;
    }

    public Optional<Account> find(WorkspaceId workspaceId, AccountId id) {
        return store.find(workspaceId, id);
    }

    public Page<Account> list(WorkspaceId workspaceId, Optional<ProfileId> profileId, int limit, Optional<Cursor> after) {
        return store.list(workspaceId, profileId, limit, after);
    }

    /**
     * Disconnects an account: the row and its sealed token are deleted. (Revoking the grant at Instagram
     * as well is planned with token refresh.)
     *
     * @return true if the account existed in that workspace
     */
    public boolean disconnect(WorkspaceId workspaceId, AccountId id) {
        return store.delete(workspaceId, id);
    }
}
