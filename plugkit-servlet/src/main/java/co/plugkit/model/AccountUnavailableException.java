package co.plugkit.model;

import co.plugkit.id.AccountId;
import java.util.Objects;
import java.util.Optional;

/**
 * The account's token cannot be used: the account does not exist in that workspace, was disconnected,
 * or must be connected again. Checked on purpose: a host that uses an account must decide what its user
 * sees when the account needs reconnecting (typically: offer "Connect Instagram" again). The message
 * holds the account id and the reason only, never a token.
 */
public final class AccountUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the token cannot be used. */
    public enum Reason {
        /** No such account in this workspace (or it belongs to another workspace). */
        NOT_FOUND,
        /** The account was disconnected (deauthorized at Instagram); no token is kept. */
        DISCONNECTED,
        /**
         * Instagram rejected or expired the token (see {@link #statusReason()}): the person must connect the
         * account again.
         */
        NEEDS_RECONNECT,
        /** The token was sealed with an encryption key this server is not configured with. */
        TOKEN_KEY_UNKNOWN
    }

    private final AccountId accountId;
    private final Reason reason;
    private final transient Optional<String> statusReason;

    public AccountUnavailableException(AccountId accountId, Reason reason, Optional<String> statusReason) {
        super("Account " + accountId + " cannot be used: " + reason
                + statusReason.map(r -> " (" + r + ")").orElse(""));
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.statusReason = Objects.requireNonNull(statusReason, "statusReason");
    }

    public AccountId accountId() {
        return accountId;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The account's {@code statusReason} when it has one, such as {@code token_expired},
     * {@code password_changed} or {@code deauthorized}.
     */
    public Optional<String> statusReason() {
        return statusReason;
    }
}
