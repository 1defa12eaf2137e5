package co.plugkit.internal.engine;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.ConnectSessionIds;
import co.plugkit.store.ConnectStateStore;
import co.plugkit.store.ConnectStateStore.Claimed;
import co.plugkit.store.ConnectStateStore.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The status of connect sessions. The session id itself says whether it belongs to the asking workspace
 * and until when it can be pending; only a session whose callback came has a row, with its outcome.
 */
public final class ConnectSessions {
    /** How long a callback that claimed its session may run past the expiry before it counts as lost. */
    static final Duration CALLBACK_GRACE = Duration.ofMinutes(2);

    private final ConnectSeals seals;
    private final ConnectStateStore states;
    private final Clock clock;

    public ConnectSessions(ConnectSeals seals, ConnectStateStore states, Clock clock) {
        this.seals = seals;
        this.states = states;
        this.clock = clock;
    }

    /** The status of session {@code sessionId} of {@code workspace}; empty if it is not one of its sessions. */
    public Optional<ConnectStatus> status(WorkspaceId workspace, String sessionId) {
        Optional<ConnectSessionIds.Session> session = seals.session(workspace, sessionId);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Instant expiresAt = session.get().expiresAt();
        Instant now = clock.instant();
        Optional<Claimed> claimed = states.find(session.get().key())
                .filter(c -> c.state().workspaceId().equals(workspace));
        if (claimed.isEmpty()) {
            return Optional.of(
                    now.isBefore(expiresAt)
                            ? new ConnectStatus.Pending(expiresAt)
                            : new ConnectStatus.Expired(expiresAt, ConnectError.NO_CALLBACK));
        }
        var profile = claimed.get().state().profileId();
        Outcome outcome = claimed.get().outcome();
        if (outcome instanceof Outcome.Connected c) {
            return Optional.of(new ConnectStatus.Connected(expiresAt, profile, c.accountId()));
        }
        if (outcome instanceof Outcome.Failed f) {
            ConnectError error = ConnectError.byCode(f.code()).orElse(ConnectError.INTERNAL_ERROR);
            return Optional.of(
                    error == ConnectError.STATE_EXPIRED
                            ? new ConnectStatus.Expired(expiresAt, error)
                            : new ConnectStatus.Failed(expiresAt, profile, error));
        }
        // the callback is running, or its server stopped before it could record how it ended
        return Optional.of(
                now.isBefore(expiresAt.plus(CALLBACK_GRACE))
                        ? new ConnectStatus.Pending(expiresAt)
                        : new ConnectStatus.Failed(expiresAt, profile, ConnectError.INTERNAL_ERROR));
    }
}
