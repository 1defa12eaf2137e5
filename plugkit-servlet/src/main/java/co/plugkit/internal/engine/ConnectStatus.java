package co.plugkit.internal.engine;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import java.time.Instant;

/** Where one connect session stands, as {@code GET /v1/connect/sessions/{id}} reports it. */
public sealed interface ConnectStatus {

    /** When the session's state stops working. */
    Instant expiresAt();

    /** No callback yet (or it is running), and the state still works. */
    record Pending(Instant expiresAt) implements ConnectStatus {}

    /** The account is stored. */
    record Connected(Instant expiresAt, ProfileId profileId, AccountId accountId) implements ConnectStatus {}

    /** The callback came and failed; nothing was stored. */
    record Failed(Instant expiresAt, ProfileId profileId, ConnectError error) implements ConnectStatus {}

    /** The state expired: without a callback ({@link ConnectError#NO_CALLBACK}), or the callback came late. */
    record Expired(Instant expiresAt, ConnectError error) implements ConnectStatus {}
}
