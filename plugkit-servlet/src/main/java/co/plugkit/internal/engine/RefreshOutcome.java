package co.plugkit.internal.engine;

import co.plugkit.model.Account;
import java.util.Optional;

/** What refreshing (or checking) one account came to. */
public sealed interface RefreshOutcome {

    /** A new token is stored. */
    record Refreshed(Account account) implements RefreshOutcome {}

    /** The token was not due for a refresh, and Instagram confirmed that it still works. */
    record Checked(Account account) implements RefreshOutcome {}

    /** Instagram rejected the token for good; the account is {@code needs_reconnect} with this reason. */
    record NeedsReconnect(Account account, String reason) implements RefreshOutcome {}

    /** A transient failure (throttling, 5xx, timeout, unreadable answer): the old token stays, retried later. */
    record Deferred(String detail) implements RefreshOutcome {}

    /** The account was reconnected, disconnected or deleted meanwhile; its newer state stands. */
    record Superseded(Optional<Account> account) implements RefreshOutcome {}

    /** Not attempted: no such account in the workspace. */
    record NotFound() implements RefreshOutcome {}

    /** Not attempted, for a reason the caller can act on. */
    record NotAttempted(Skip reason, Optional<Account> account) implements RefreshOutcome {}

    /** Why a refresh was not attempted. */
    enum Skip {
        /** The account is not {@code active}: it must be connected again first. */
        ACCOUNT_NOT_ACTIVE,
        /** Instagram refreshes only tokens at least a day old. */
        TOKEN_TOO_NEW,
        /** Another refresher holds the account's lease right now. */
        REFRESH_IN_PROGRESS,
        /** The token was sealed with a key this server is not configured with. */
        TOKEN_KEY_UNKNOWN
    }
}
