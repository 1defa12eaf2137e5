package co.plugkit.store.jdbi;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.AccountProfile;
import co.plugkit.model.AccountStatus;
import co.plugkit.model.Actor;
import co.plugkit.model.EventType;
import co.plugkit.model.SealedToken;
import co.plugkit.provider.Platform;
import co.plugkit.store.RefreshClaim;
import co.plugkit.store.RefreshStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The refresher's side of {@code plugkit_accounts}: leases taken with conditional updates, and outcomes
 * written with compare-and-set on {@code token_version}, which every token write bumps.
 */
final class JdbiRefreshStore implements RefreshStore {
    private static final String ACTIVE = AccountStatus.ACTIVE.apiName();

    /** Due for a refresh: active, a day old, expiring inside the window (or of unknown expiry), not backed off. */
    private static final String DUE = "status = '" + ACTIVE + "' AND token_ciphertext IS NOT NULL"
            + " AND token_issued_at <= :issuedBefore"
            + " AND (token_expires_at IS NULL OR (token_expires_at <= :expiresBefore AND token_expires_at > :now))"
            + " AND (next_refresh_at IS NULL OR next_refresh_at <= :now)";

    /** Due for a check: active, not expired, and not known good since {@code :checkedBefore}. */
    private static final String CHECK_DUE = "status = '" + ACTIVE + "' AND token_ciphertext IS NOT NULL"
            + " AND (token_expires_at IS NULL OR token_expires_at > :now)"
            + " AND (last_checked_at IS NULL OR last_checked_at <= :checkedBefore)"
            // an account backing off after a transient refresh failure is left alone until then
            + " AND (next_refresh_at IS NULL OR next_refresh_at <= :now)";

    /** Sealed with another key than the primary one: to be sealed again (key rotation). Any status. */
    private static final String RESEAL_DUE = "token_ciphertext IS NOT NULL AND token_key_id <> :primaryKeyId";

    private static final String LEASE_FREE = "(lease_until IS NULL OR lease_until <= :now)";

    private static final String CLAIM_SELECT = "id, workspace_id, profile_id, platform, external_id,"
            + " token_key_id, token_ciphertext, token_version, token_expires_at, token_issued_at, refresh_failures";

    private static final String CLAIM_COLUMNS = "SELECT " + CLAIM_SELECT + " FROM plugkit_accounts";

    private static final String TOKEN_UNCHANGED = "id = :id AND token_version = :version AND status = '" + ACTIVE + "'";

    private final JdbiCalls calls;
    private final JdbiOutbox outbox;
    private final AccountRows rows;

    JdbiRefreshStore(JdbiCalls calls, JdbiOutbox outbox, AccountRows rows) {
        this.calls = calls;
        this.outbox = outbox;
        this.rows = rows;
    }

    /** Leased in batches ({@link BatchLease}); no transaction is held while the refresh itself runs. */
    @Override
    public List<RefreshClaim> claimDue(
            Instant now, Instant issuedBefore, Instant expiresBefore, String owner, Instant leaseUntil, int limit) {
        return claimWhere(
                DUE,
                "token_expires_at, seq",
                Map.of(
                        "now", calls.at(now),
                        "issuedBefore", calls.at(issuedBefore),
                        "expiresBefore", calls.at(expiresBefore)),
                owner,
                leaseUntil,
                limit);
    }

    @Override
    public List<RefreshClaim> claimForCheck(
            Instant now, Instant checkedBefore, String owner, Instant leaseUntil, int limit) {
        return claimWhere(
                CHECK_DUE,
                "last_checked_at, seq",
                Map.of("now", calls.at(now), "checkedBefore", calls.at(checkedBefore)),
                owner,
                leaseUntil,
                limit);
    }

    @Override
    public List<RefreshClaim> claimForReseal(
            String primaryKeyId, Instant now, String owner, Instant leaseUntil, int limit) {
        return claimWhere(
                RESEAL_DUE,
                "seq",
                Map.of("now", calls.at(now), "primaryKeyId", primaryKeyId),
                owner,
                leaseUntil,
                limit);
    }

    @Override
    public boolean storeResealed(RefreshClaim claim, SealedToken token, String owner) {
        return calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET token_key_id = :keyId,"
                                + " token_ciphertext = :ciphertext, lease_owner = NULL, lease_until = NULL"
                                + " WHERE id = :id AND token_version = :version AND lease_owner = :owner"
                                + " AND token_ciphertext IS NOT NULL")
                        .bind("keyId", token.keyId())
                        .bind("ciphertext", token.ciphertext())
                        .bind("id", claim.accountId().value())
                        .bind("version", claim.tokenVersion())
                        .bind("owner", owner)
                        .execute())
                == 1;
    }

    /** Leases up to {@code limit} accounts that meet {@code condition}, the oldest in {@code order} first. */
    private List<RefreshClaim> claimWhere(
            String condition, String order, Map<String, Object> values, String owner, Instant leaseUntil, int limit) {
        return new BatchLease<>(
                        "plugkit_accounts",
                        condition + " AND " + LEASE_FREE,
                        order,
                        CLAIM_SELECT,
                        "token_ciphertext IS NOT NULL",
                        this::mapClaim)
                .claim(calls, values, owner, leaseUntil, limit);
    }

    @Override
    public Optional<RefreshClaim> claim(
            WorkspaceId workspaceId, AccountId id, Instant now, String owner, Instant leaseUntil) {
        int leased = calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET lease_owner = :owner,"
                        + " lease_until = :leaseUntil WHERE id = :id AND workspace_id = :ws AND status = '" + ACTIVE
                        + "' AND token_ciphertext IS NOT NULL AND " + LEASE_FREE)
                .bind("owner", owner)
                .bind("leaseUntil", calls.at(leaseUntil))
                .bind("id", id.value())
                .bind("ws", workspaceId.value())
                .bind("now", calls.at(now))
                .execute());
        return leased == 1 ? calls.withHandle(h -> readClaim(h, id.value(), owner)) : Optional.empty();
    }

    private Optional<RefreshClaim> readClaim(Handle h, String id, String owner) {
        return h.createQuery(
                        CLAIM_COLUMNS + " WHERE id = :id AND lease_owner = :owner AND token_ciphertext IS NOT NULL")
                .bind("id", id)
                .bind("owner", owner)
                .map(this::mapClaim)
                .findOne();
    }

    private RefreshClaim mapClaim(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RefreshClaim(
                new AccountId(rs.getString("id")),
                new WorkspaceId(rs.getString("workspace_id")),
                new ProfileId(rs.getString("profile_id")),
                new Platform(rs.getString("platform")),
                rs.getString("external_id"),
                new SealedToken(rs.getString("token_key_id"), rs.getString("token_ciphertext")),
                rs.getLong("token_version"),
                calls.instant(rs, "token_issued_at"),
                calls.optionalInstant(rs, "token_expires_at"),
                rs.getInt("refresh_failures"));
    }

    @Override
    public boolean storeRefreshed(
            RefreshClaim claim, SealedToken token, Instant issuedAt, Optional<Instant> expiresAt) {
        return calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET token_key_id = :keyId,"
                                + " token_ciphertext = :ciphertext, token_version = token_version + 1,"
                                + " token_issued_at = :issuedAt, token_expires_at = :expiresAt, last_refreshed_at = :issuedAt,"
                                + " last_checked_at = :issuedAt,"
                                + " refresh_failures = 0, next_refresh_at = NULL, lease_owner = NULL, lease_until = NULL,"
                                + " status_reason = NULL, updated_at = :issuedAt WHERE " + TOKEN_UNCHANGED)
                        .bind("keyId", token.keyId())
                        .bind("ciphertext", token.ciphertext())
                        .bind("issuedAt", calls.at(issuedAt))
                        .bind("expiresAt", calls.at(expiresAt.orElse(null)))
                        .bind("id", claim.accountId().value())
                        .bind("version", claim.tokenVersion())
                        .execute())
                == 1;
    }

    @Override
    public boolean recordChecked(RefreshClaim claim, AccountProfile profile, Instant now) {
        // updated_at moves only when what Instagram said differs from what is stored. It is assigned first
        // because MySQL/MariaDB evaluate SET left to right with the new values; the others use the old ones.
        return calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET updated_at = CASE WHEN"
                                + " username <> :username OR COALESCE(display_name, '') <> COALESCE(:displayName, '')"
                                + " OR COALESCE(profile_picture_url, '') <> COALESCE(:pictureUrl, '')"
                                + " THEN :now ELSE updated_at END, last_checked_at = :now,"
                                + " username = :username, display_name = :displayName,"
                                + " profile_picture_url = :pictureUrl, refresh_failures = 0, next_refresh_at = NULL,"
                                + " lease_owner = NULL, lease_until = NULL WHERE " + TOKEN_UNCHANGED)
                        .bind("now", calls.at(now))
                        .bind("username", profile.username())
                        .bind("displayName", profile.displayName().orElse(null))
                        .bind("pictureUrl", profile.profilePictureUrl().orElse(null))
                        .bind("id", claim.accountId().value())
                        .bind("version", claim.tokenVersion())
                        .execute())
                == 1;
    }

    /**
     * The dead token is wiped: it can never be used again, so it is not kept. The event {@code
     * account.needs_reconnect} is written in the same transaction, only if the compare-and-set won.
     */
    @Override
    public boolean markNeedsReconnect(RefreshClaim claim, String reason, Instant now) {
        return outbox.inTransaction(tx -> {
            boolean won = tx.h.createUpdate("UPDATE plugkit_accounts SET status = :status,"
                                    + " status_reason = :reason, token_key_id = NULL, token_ciphertext = NULL,"
                                    + " token_version = token_version + 1, lease_owner = NULL, lease_until = NULL,"
                                    + " updated_at = :now WHERE " + TOKEN_UNCHANGED)
                            .bind("status", AccountStatus.NEEDS_RECONNECT.apiName())
                            .bind("reason", reason)
                            .bind("now", calls.at(now))
                            .bind("id", claim.accountId().value())
                            .bind("version", claim.tokenVersion())
                            .execute()
                    == 1;
            if (won) {
                needsReconnect(tx, claim.accountId().value(), now);
            }
            return won;
        });
    }

    private void needsReconnect(JdbiOutbox.Tx tx, String accountId, Instant now) {
        rows.byId(tx.h, accountId)
                .ifPresent(a -> tx.account(
                        EventType.ACCOUNT_NEEDS_RECONNECT,
                        a,
                        Actor.SYSTEM,
                        now,
                        d -> d.put("reason", a.statusReason().orElse(null))));
    }

    @Override
    public boolean deferRefresh(RefreshClaim claim, Instant nextAttempt, Instant now) {
        return calls.withHandle(
                        h -> h.createUpdate("UPDATE plugkit_accounts SET refresh_failures = refresh_failures + 1,"
                                        + " next_refresh_at = :next, lease_owner = NULL, lease_until = NULL WHERE "
                                        + TOKEN_UNCHANGED)
                                .bind("next", calls.at(nextAttempt))
                                .bind("id", claim.accountId().value())
                                .bind("version", claim.tokenVersion())
                                .execute())
                == 1;
    }

    @Override
    public void release(RefreshClaim claim) {
        calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET lease_owner = NULL, lease_until = NULL"
                        + " WHERE id = :id AND token_version = :version")
                .bind("id", claim.accountId().value())
                .bind("version", claim.tokenVersion())
                .execute());
    }

    /** The expired rows are locked and listed first, so each gets exactly one event with its change. */
    @Override
    public int markExpired(Instant now) {
        String expired = " WHERE status = '" + ACTIVE + "'"
                + " AND token_expires_at IS NOT NULL AND token_expires_at <= :now AND " + LEASE_FREE;
        return outbox.inTransaction(tx -> {
            List<String> ids = tx.h.createQuery("SELECT id FROM plugkit_accounts" + expired + " FOR UPDATE")
                    .bind("now", calls.at(now))
                    .mapTo(String.class)
                    .list();
            for (String id : ids) {
                tx.h.createUpdate("UPDATE plugkit_accounts SET status = :status,"
                                + " status_reason = 'token_expired', token_key_id = NULL, token_ciphertext = NULL,"
                                + " token_version = token_version + 1, updated_at = :now WHERE id = :id")
                        .bind("status", AccountStatus.NEEDS_RECONNECT.apiName())
                        .bind("now", calls.at(now))
                        .bind("id", id)
                        .execute();
                needsReconnect(tx, id, now);
            }
            return ids.size();
        });
    }
}
