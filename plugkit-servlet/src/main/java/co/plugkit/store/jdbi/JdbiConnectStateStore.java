package co.plugkit.store.jdbi;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.ConnectState;
import co.plugkit.provider.Platform;
import co.plugkit.store.ConnectStateStore;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

final class JdbiConnectStateStore implements ConnectStateStore {
    private static final String IN_PROGRESS = "in_progress";
    private static final String CONNECTED = "connected";
    private static final String FAILED = "failed";

    private final JdbiCalls calls;

    JdbiConnectStateStore(JdbiCalls calls) {
        this.calls = calls;
    }

    /**
     * One INSERT on the primary key claims the session: the database lets exactly one of concurrent
     * inserts of the same key through, on whichever server they run; the others break the unique key. It
     * is not retried after a lost connection: the insert may have happened, and a retry would then
     * refuse the very callback that won.
     */
    @Override
    public Claim claim(ConnectState state, Instant now) {
        try {
            calls.withHandle(h -> h.createUpdate("INSERT INTO plugkit_connect_sessions"
                            + " (session_key, workspace_id, profile_id, platform, redirect_url, status, claimed_at,"
                            + " expires_at)"
                            + " VALUES (:key, :ws, :profileId, :platform, :redirectUrl, :status, :now, :expiresAt)")
                    .bind("key", state.sessionKey())
                    .bind("ws", state.workspaceId().value())
                    .bind("profileId", state.profileId().value())
                    .bind("platform", state.platform().name())
                    .bind("redirectUrl", state.redirectUrl().map(URI::toString).orElse(null))
                    .bind("status", IN_PROGRESS)
                    .bind("now", calls.at(now))
                    .bind("expiresAt", calls.at(state.expiresAt()))
                    .execute());
            return new Claim.Won();
        } catch (StatementFailure e) {
            if (e.isUniqueViolation()) {
                return new Claim.AlreadyClaimed();
            }
            throw e;
        }
    }

    @Override
    public void finish(String sessionKey, Outcome outcome, Instant now) {
        String status;
        String accountId = null;
        String errorCode = null;
        if (outcome instanceof Outcome.Connected c) {
            status = CONNECTED;
            accountId = c.accountId().value();
        } else if (outcome instanceof Outcome.Failed f) {
            status = FAILED;
            errorCode = f.code();
        } else {
            return;
        }
        String finalStatus = status;
        String finalAccount = accountId;
        String finalError = errorCode;
        // Setting the same values again changes nothing, so a write lost on the way may be tried again.
        calls.idempotentWrite(h -> h.createUpdate("UPDATE plugkit_connect_sessions SET status = :status,"
                        + " account_id = :accountId, error_code = :errorCode, finished_at = :now"
                        + " WHERE session_key = :key")
                .bind("status", finalStatus)
                .bind("accountId", finalAccount)
                .bind("errorCode", finalError)
                .bind("now", calls.at(now))
                .bind("key", sessionKey)
                .execute());
    }

    @Override
    public Optional<Claimed> find(String sessionKey) {
        return calls.read(h -> h.createQuery(
                        "SELECT session_key, workspace_id, profile_id, platform, redirect_url, status, account_id,"
                                + " error_code, expires_at FROM plugkit_connect_sessions WHERE session_key = :key")
                .bind("key", sessionKey)
                .map((rs, ctx) -> new Claimed(
                        new ConnectState(
                                rs.getString("session_key"),
                                new WorkspaceId(rs.getString("workspace_id")),
                                new ProfileId(rs.getString("profile_id")),
                                new Platform(rs.getString("platform")),
                                Optional.ofNullable(rs.getString("redirect_url"))
                                        .map(URI::create),
                                calls.instant(rs, "expires_at")),
                        outcome(rs.getString("status"), rs.getString("account_id"), rs.getString("error_code"))))
                .findOne());
    }

    private static Outcome outcome(String status, String accountId, String errorCode) {
        if (CONNECTED.equals(status) && accountId != null) {
            return new Outcome.Connected(new AccountId(accountId));
        }
        if (FAILED.equals(status) && errorCode != null) {
            return new Outcome.Failed(errorCode);
        }
        return new Outcome.InProgress();
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return calls.withHandle(h -> h.createUpdate("DELETE FROM plugkit_connect_sessions WHERE expires_at < :cutoff")
                .bind("cutoff", calls.at(cutoff))
                .execute());
    }
}
