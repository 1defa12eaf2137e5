package co.plugkit.internal.engine;

import co.plugkit.model.Account;
import co.plugkit.model.AccountToken;
import co.plugkit.model.SealedToken;
import co.plugkit.secret.Secret;

/**
 * An active account's token, opened for one use: the account (for its scopes and expiry), the sealed
 * form it was read in (so that a rejection is written only if the token is still that one), and the
 * plaintext as a {@link Secret}.
 */
public record UsableToken(Account account, SealedToken sealed, Secret token) {
    /** The value {@code PlugKit.accessToken} hands to the host. */
    public AccountToken forHost() {
        return new AccountToken(account.id(), token, account.tokenExpiresAt(), account.scopes());
    }

    @Override
    public String toString() {
        return "UsableToken{account=" + account.id() + "}";
    }
}
