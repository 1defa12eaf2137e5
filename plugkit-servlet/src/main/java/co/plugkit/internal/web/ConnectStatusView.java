package co.plugkit.internal.web;

import co.plugkit.internal.engine.ConnectError;
import co.plugkit.internal.engine.ConnectStatus;

/**
 * The answer of {@code GET /v1/connect/sessions/{id}}: every field always present, {@code null} where it
 * does not apply. {@code code}, {@code message} and {@code hint} are set for {@code failed} and
 * {@code expired}; {@code accountId} for {@code connected}.
 */
record ConnectStatusView(
        String sessionId,
        String status,
        String expiresAt,
        String profileId,
        String accountId,
        String code,
        String message,
        String hint) {

    static ConnectStatusView of(String sessionId, ConnectStatus status) {
        String expiresAt = status.expiresAt().toString();
        if (status instanceof ConnectStatus.Connected c) {
            return new ConnectStatusView(
                    sessionId,
                    "connected",
                    expiresAt,
                    c.profileId().value(),
                    c.accountId().value(),
                    null,
                    null,
                    null);
        }
        if (status instanceof ConnectStatus.Failed f) {
            return failure(sessionId, "failed", expiresAt, f.profileId().value(), f.error());
        }
        if (status instanceof ConnectStatus.Expired e) {
            return failure(sessionId, "expired", expiresAt, null, e.error());
        }
        return new ConnectStatusView(sessionId, "pending", expiresAt, null, null, null, null, null);
    }

    private static ConnectStatusView failure(
            String sessionId, String status, String expiresAt, String profileId, ConnectError error) {
        return new ConnectStatusView(
                sessionId, status, expiresAt, profileId, null, error.code(), error.message(), error.hint());
    }
}
