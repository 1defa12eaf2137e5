package co.plugkit.store.jdbi;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.ConnectState;
import co.plugkit.provider.Platform;
import co.plugkit.store.ConnectStateStore;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

final class JdbiConnectStateStore implements ConnectStateStore {
    private final JdbiCalls calls;

    JdbiConnectStateStore(JdbiCalls calls) {
        this.calls = calls;
    }

    @Override
    public void insert(String stateHash, ConnectState state, Instant createdAt) {
        calls.withHandle(h -> h.createUpdate("INSERT INTO plugkit_connect_states"
                        + " (state_hash, workspace_id, profile_id, platform, redirect_url, created_at, expires_at)"
                        + " VALUES (:hash, :ws, :profileId, :platform, :redirectUrl, :createdAt, :expiresAt)")
                .bind("hash", stateHash)
                .bind("ws", state.workspaceId().value())
                .bind("profileId", state.profileId().value())
                .bind("platform", state.platform().name())
                .bind("redirectUrl", state.redirectUrl().map(URI::toString).orElse(null))
                .bind("createdAt", calls.at(createdAt))
                .bind("expiresAt", calls.at(state.expiresAt()))
                .execute());
    }

    /**
     * One conditional UPDATE claims the state: the database serialises concurrent claims on the row, so
     * exactly one caller sees an update count of 1. Only the losers read the row to learn why. Claim and
     * read share a transaction, so a connection lost between them leaves the state unclaimed.
     */
    @Override
    public Consumption consume(String stateHash, Instant now) {
        return calls.inTransaction(h -> {
            int claimed = h.createUpdate("UPDATE plugkit_connect_states SET consumed_at = :now"
                            + " WHERE state_hash = :hash AND consumed_at IS NULL AND expires_at > :now")
                    .bind("now", calls.at(now))
                    .bind("hash", stateHash)
                    .execute();
            record Row(ConnectState state, Optional<Instant> consumedAt) {}
            Optional<Row> row = h.createQuery("SELECT workspace_id, profile_id, platform, redirect_url, expires_at,"
                            + " consumed_at"
                            + " FROM plugkit_connect_states WHERE state_hash = :hash")
                    .bind("hash", stateHash)
                    .map((rs, ctx) -> new Row(
                            new ConnectState(
                                    new WorkspaceId(rs.getString("workspace_id")),
                                    new ProfileId(rs.getString("profile_id")),
                                    new Platform(rs.getString("platform")),
                                    Optional.ofNullable(rs.getString("redirect_url"))
                                            .map(URI::create),
                                    calls.instant(rs, "expires_at")),
                            calls.optionalInstant(rs, "consumed_at")))
                    .findOne();
            if (row.isEmpty()) {
                return new Consumption.Unknown();
            }
            ConnectState state = row.get().state();
            if (claimed == 1) {
                return new Consumption.Consumed(state);
            }
            return row.get().consumedAt().isPresent()
                    ? new Consumption.AlreadyUsed(state)
                    : new Consumption.Expired(state);
        });
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return calls.withHandle(h -> h.createUpdate("DELETE FROM plugkit_connect_states WHERE expires_at < :cutoff")
                .bind("cutoff", calls.at(cutoff))
                .execute());
    }
}
