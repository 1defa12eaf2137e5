package co.plugkit.internal.engine;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.ConnectSessionIds;
import co.plugkit.internal.crypto.SignedTickets;
import co.plugkit.model.ConnectState;
import co.plugkit.provider.Platform;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A connect's {@code state} that needs no row: what the callback must know (session, workspace, profile,
 * platform, redirect URL) signed with a key derived from the encryption key, with the session's expiry.
 * It is not encrypted: it holds ids and the host's own redirect URL, nothing secret. Every server with
 * the same {@code PLUGKIT_ENCRYPTION_KEY} opens every other's states; single use is the store's claim.
 */
public final class ConnectSeals {
    private static final String VERSION = "c1";

    private final SignedTickets states;
    private final ConnectSessionIds sessions;

    public ConnectSeals(SignedTickets states, ConnectSessionIds sessions) {
        this.states = states;
        this.sessions = sessions;
    }

    /** A fresh session and its sealed state. */
    public record Sealed(ConnectSessionIds.Session session, String state) {
        @Override
        public String toString() {
            return "Sealed[" + session + ", state=****]";
        }
    }

    Sealed seal(
            WorkspaceId workspace, ProfileId profile, Platform platform, Optional<URI> redirect, Instant expiresAt) {
        ConnectSessionIds.Session session = sessions.issue(workspace, expiresAt);
        // one value per line: no id, platform name or URI can hold a line break
        String payload = String.join(
                "\n",
                VERSION,
                session.id(),
                workspace.value(),
                profile.value(),
                platform.name(),
                redirect.map(URI::toString).orElse(""));
        return new Sealed(session, states.issueUntil(payload, session.expiresAt()));
    }

    /**
     * The connect a state was sealed for, expired or not; empty for a state this PlugKit did not seal
     * (forged, edited, another key) or cannot read.
     */
    Optional<ConnectState> open(String state) {
        return states.verify(state).flatMap(verified -> {
            String[] parts = verified.payload().split("\n", -1);
            if (parts.length != 6 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            try {
                WorkspaceId workspace = new WorkspaceId(parts[2]);
                return sessions.read(workspace, parts[1])
                        .filter(s -> s.expiresAt().equals(verified.expiresAt()))
                        .map(s -> new ConnectState(
                                s.key(),
                                workspace,
                                new ProfileId(parts[3]),
                                new Platform(parts[4]),
                                parts[5].isEmpty() ? Optional.empty() : Optional.of(URI.create(parts[5])),
                                s.expiresAt()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** The session {@code id} names, if it was issued for {@code workspace}. */
    Optional<ConnectSessionIds.Session> session(WorkspaceId workspace, String id) {
        return sessions.read(workspace, id);
    }
}
