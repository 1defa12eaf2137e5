package co.plugkit.internal.engine;

import java.net.URI;
import java.time.Instant;

/** The outcome of asking to connect an account. */
public sealed interface ConnectStart {

    /**
     * Send the user to {@code authUrl}; the {@code state} in it works once, until {@code expiresAt}.
     * {@code sessionId} names this connect when asking for its status.
     */
    record Started(URI authUrl, String state, String sessionId, Instant expiresAt) implements ConnectStart {}

    /** No such profile in the caller's workspace. */
    record ProfileNotFound() implements ConnectStart {}

    /** The redirectUrl is malformed or not on the configured allow-list. */
    record RedirectNotAllowed() implements ConnectStart {}
}
