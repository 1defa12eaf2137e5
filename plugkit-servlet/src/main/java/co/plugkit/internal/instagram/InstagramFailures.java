package co.plugkit.internal.instagram;

import co.plugkit.provider.ProviderError;
import co.plugkit.provider.ProviderException;
import java.util.Optional;

/**
 * Which refresh failures are final (instagram-protocol.md §6 and §8): an invalid or expired token (190
 * and its subcodes, 102) or removed permissions (10, 200–299) need the user to connect again; everything
 * else — throttling (4, 17, 32, 613, 80002), 5xx, timeouts, unreadable answers, unknown errors — keeps
 * the old token and is retried, because disconnecting on a transient error would be worse.
 */
final class InstagramFailures {
    private InstagramFailures() {}

    /** The reason to show on the account if the failure is final, else empty. */
    static Optional<String> permanentReason(ProviderException e) {
        if (e.kind() != ProviderException.Kind.REJECTED) {
            return Optional.empty();
        }
        return e.error().flatMap(InstagramFailures::reason);
    }

    /**
     * The reason for an error on a call made with the token (the Graph API proxy): only an invalid or
     * expired token (190, 102) ends the account's connection; a missing permission (10, 200–299) is the
     * call's problem, for the client to see, and leaves the account as it is.
     */
    static Optional<String> tokenRejectedReason(ProviderError error) {
        return error.code() == 190 || error.code() == 102 ? reason(error) : Optional.empty();
    }

    private static Optional<String> reason(ProviderError error) {
        int code = error.code();
        if (code == 190) {
            return Optional.of(
                    switch (error.subcode().orElse(0)) {
                        case 463 -> "token_expired";
                        case 460 -> "password_changed";
                        case 458 -> "app_removed";
                        case 459 -> "user_checkpointed";
                        case 464 -> "user_unconfirmed";
                        default -> "token_invalid";
                    });
        }
        if (code == 102) {
            return Optional.of("session_invalid");
        }
        if (code == 10 || (code >= 200 && code <= 299)) {
            return Optional.of("permission_removed");
        }
        return Optional.empty();
    }
}
