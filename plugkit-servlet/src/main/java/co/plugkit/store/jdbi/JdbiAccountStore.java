package co.plugkit.store.jdbi;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.AccountProfile;
import co.plugkit.model.AccountStatus;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.SealedToken;
import co.plugkit.store.AccountStore;
import co.plugkit.store.RefreshClaim;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbiAccountStore implements AccountStore {
    private static final String COLUMNS = "seq, id, workspace_id, profile_id, external_id, app_scoped_id, username,"
            + " display_name, account_type, profile_picture_url, scopes, status, status_reason, token_expires_at,"
            + " last_refreshed_at, connected_at, updated_at, metadata";

    private static final String ACTIVE = AccountStatus.ACTIVE.apiName();

    /**
     * The columns a (re)connection writes, and their parameters; the same list for every dialect. A new
     * connection also clears whatever the refresher had recorded (reason, back-off, lease).
     */
    private static final String[] CONNECTION_COLUMNS = {
        "app_scoped_id",
        "username",
        "display_name",
        "account_type",
        "profile_picture_url",
        "scopes",
        "status",
        "status_reason",
        "token_key_id",
        "token_ciphertext",
        "token_expires_at",
        "token_issued_at",
        "refresh_failures",
        "next_refresh_at",
        "lease_owner",
        "lease_until",
        "last_checked_at",
        "updated_at"
    };

    private static final String[] CONNECTION_PARAMS = {
        "appScopedId",
        "username",
        "displayName",
        "accountType",
        "pictureUrl",
        "scopes",
        "status",
        "noText",
        "keyId",
        "ciphertext",
        "expiresAt",
        "now",
        "zero",
        "noTime",
        "noText",
        "noTime",
        "now",
        "now"
    };

    private static final String INSERT_CONNECTION = "INSERT INTO plugkit_accounts (id, workspace_id, profile_id,"
            + " platform, external_id, connected_at, metadata, " + String.join(", ", CONNECTION_COLUMNS) + ")"
            + " VALUES (:id, :ws, :profileId, :platform, :externalId, :now, :metadata, :"
            + String.join(", :", CONNECTION_PARAMS) + ")";

    /** Every token write bumps the version (see {@link #storeRefreshed}); metadata is kept unless sent anew. */
    private static final String UPDATE_CONNECTION = "UPDATE plugkit_accounts SET " + assignments("= :%2$s")
            + ", token_version = token_version + 1, metadata = COALESCE(:metadata, metadata)"
            + " WHERE profile_id = :profileId AND external_id = :externalId AND workspace_id = :ws";

    /** PostgreSQL: one atomic statement, arbitrated by the (profile, user) unique constraint. */
    private static final String UPSERT_POSTGRESQL = INSERT_CONNECTION
            + " ON CONFLICT (profile_id, external_id) DO UPDATE SET " + assignments("= EXCLUDED.%1$s")
            + ", token_version = plugkit_accounts.token_version + 1,"
            + " metadata = COALESCE(EXCLUDED.metadata, plugkit_accounts.metadata)";

    /** MariaDB and MySQL: the same, in their syntax ({@code VALUES()} works on both). */
    private static final String UPSERT_MYSQL = INSERT_CONNECTION
            + " ON DUPLICATE KEY UPDATE " + assignments("= VALUES(%1$s)")
            + ", token_version = token_version + 1, metadata = COALESCE(VALUES(metadata), metadata)";

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

    private static final String LEASE_FREE = "(lease_until IS NULL OR lease_until <= :now)";

    private static final String TOKEN_UNCHANGED = "id = :id AND token_version = :version AND status = '" + ACTIVE + "'";

    private final JdbiCalls calls;

    JdbiAccountStore(JdbiCalls calls) {
        this.calls = calls;
    }

    private static String assignments(String valueFormat) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < CONNECTION_COLUMNS.length; i++) {
            out.append(i == 0 ? "" : ", ")
                    .append(CONNECTION_COLUMNS[i])
                    .append(' ')
                    .append(String.format(valueFormat, CONNECTION_COLUMNS[i], CONNECTION_PARAMS[i]));
        }
        return out.toString();
    }

    /**
     * PostgreSQL and MySQL upsert in one statement. H2 (embedded, one node) updates first, inserts if
     * there was nothing to update, and if a racing insert won in between, updates again: each statement
     * is atomic and the unique (profile, user) constraint is the arbiter, so there is never a second row.
     */
    @Override
    public Account upsert(AccountConnection c, AccountId newId, Instant now) {
        switch (calls.dialect()) {
            case POSTGRESQL -> insert(UPSERT_POSTGRESQL, c, newId, now);
            case MYSQL -> insert(UPSERT_MYSQL, c, newId, now);
            case H2 -> {
                if (updateConnection(c, now) == 0) {
                    try {
                        insert(INSERT_CONNECTION, c, newId, now);
                    } catch (JdbiException e) {
                        if (!JdbiCalls.isUniqueViolation(e)) {
                            throw e;
                        }
                        updateConnection(c, now);
                    }
                }
            }
        }
        return calls.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM plugkit_accounts"
                        + " WHERE profile_id = :profileId AND external_id = :externalId")
                .bind("profileId", c.profileId().value())
                .bind("externalId", c.externalId())
                .map(this::mapAccount)
                .one());
    }

    private void insert(String sql, AccountConnection c, AccountId newId, Instant now) {
        calls.withHandle(h -> bindConnection(h.createUpdate(sql), c, now)
                .bind("id", newId.value())
                .bind("platform", Account.PLATFORM)
                .execute());
    }

    private int updateConnection(AccountConnection c, Instant now) {
        return calls.withHandle(
                h -> bindConnection(h.createUpdate(UPDATE_CONNECTION), c, now).execute());
    }

    private <S extends SqlStatement<S>> S bindConnection(S statement, AccountConnection c, Instant now) {
        return statement
                .bind("ws", c.workspaceId().value())
                .bind("profileId", c.profileId().value())
                .bind("externalId", c.externalId())
                .bind("appScopedId", c.appScopedId().orElse(null))
                .bind("username", c.username())
                .bind("displayName", c.displayName().orElse(null))
                .bind("accountType", c.accountType())
                .bind("pictureUrl", c.profilePictureUrl().orElse(null))
                .bind("scopes", String.join(",", c.scopes()))
                .bind("status", ACTIVE)
                .bind("keyId", c.sealedToken().keyId())
                .bind("ciphertext", c.sealedToken().ciphertext())
                .bind("expiresAt", calls.at(c.tokenExpiresAt().orElse(null)))
                .bind("metadata", c.metadata().orElse(null))
                .bind("now", calls.at(now))
                .bind("zero", 0)
                .bindNull("noText", Types.VARCHAR)
                .bindNull("noTime", Types.TIMESTAMP);
    }

    @Override
    public Optional<Account> find(WorkspaceId workspaceId, AccountId id) {
        return calls.withHandle(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM plugkit_accounts" + " WHERE id = :id AND workspace_id = :ws")
                .bind("id", id.value())
                .bind("ws", workspaceId.value())
                .map(this::mapAccount)
                .findOne());
    }

    @Override
    public Optional<SealedToken> findToken(WorkspaceId workspaceId, AccountId id) {
        return calls.withHandle(h -> h.createQuery("SELECT token_key_id, token_ciphertext FROM plugkit_accounts"
                        + " WHERE id = :id AND workspace_id = :ws AND token_ciphertext IS NOT NULL")
                .bind("id", id.value())
                .bind("ws", workspaceId.value())
                .map((rs, ctx) -> new SealedToken(rs.getString("token_key_id"), rs.getString("token_ciphertext")))
                .findOne());
    }

    @Override
    public Page<Account> list(
            WorkspaceId workspaceId, Optional<ProfileId> profileId, int limit, Optional<Cursor> after) {
        String profileFilter = profileId.isPresent() ? " AND profile_id = :profileId" : "";
        return calls.withHandle(h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM plugkit_accounts"
                            + " WHERE workspace_id = :ws AND seq > :after" + profileFilter + " ORDER BY seq")
                    .bind("ws", workspaceId.value())
                    .bind("after", after.map(Cursor::afterSequence).orElse(0L));
            profileId.ifPresent(p -> query.bind("profileId", p.value()));
            return Paging.page(query, limit, this::mapAccount);
        });
    }

    /**
     * Candidates are read first, then each is leased by a conditional UPDATE that re-checks every
     * condition; only an update count of 1 makes a claim. This needs no {@code SKIP LOCKED}, so it works
     * the same on every database, and no transaction is held while the refresh itself runs.
     */
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

    /**
     * Leases up to {@code limit} accounts that meet {@code condition} (with its named {@code values}),
     * the oldest in {@code order} first.
     */
    private List<RefreshClaim> claimWhere(
            String condition, String order, Map<String, Object> values, String owner, Instant leaseUntil, int limit) {
        List<String> candidates = calls.withHandle(h -> h.createQuery("SELECT id FROM plugkit_accounts WHERE "
                        + condition + " AND " + LEASE_FREE + " ORDER BY " + order)
                .bindMap(values)
                .setMaxRows(limit * 4)
                .mapTo(String.class)
                .list());
        List<RefreshClaim> claims = new ArrayList<>();
        for (String id : candidates) {
            if (claims.size() == limit) {
                break;
            }
            int leased = calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET lease_owner = :owner,"
                            + " lease_until = :leaseUntil WHERE id = :id AND " + condition + " AND " + LEASE_FREE)
                    .bindMap(values)
                    .bind("owner", owner)
                    .bind("leaseUntil", calls.at(leaseUntil))
                    .bind("id", id)
                    .execute());
            if (leased == 1) {
                calls.withHandle(h -> readClaim(h, id, owner)).ifPresent(claims::add);
            }
        }
        return claims;
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
        return h.createQuery("SELECT id, workspace_id, token_key_id, token_ciphertext, token_version, token_expires_at,"
                        + " token_issued_at, refresh_failures FROM plugkit_accounts WHERE id = :id AND lease_owner = :owner"
                        + " AND token_ciphertext IS NOT NULL")
                .bind("id", id)
                .bind("owner", owner)
                .map((rs, ctx) -> new RefreshClaim(
                        new AccountId(rs.getString("id")),
                        new WorkspaceId(rs.getString("workspace_id")),
                        new SealedToken(rs.getString("token_key_id"), rs.getString("token_ciphertext")),
                        rs.getLong("token_version"),
                        calls.instant(rs, "token_issued_at"),
                        calls.optionalInstant(rs, "token_expires_at"),
                        rs.getInt("refresh_failures")))
                .findOne();
    }

    @Override
    public boolean storeRefreshed(RefreshClaim claim, SealedToken token, Instant issuedAt, Instant expiresAt) {
        return calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET token_key_id = :keyId,"
                                + " token_ciphertext = :ciphertext, token_version = token_version + 1,"
                                + " token_issued_at = :issuedAt, token_expires_at = :expiresAt, last_refreshed_at = :issuedAt,"
                                + " last_checked_at = :issuedAt,"
                                + " refresh_failures = 0, next_refresh_at = NULL, lease_owner = NULL, lease_until = NULL,"
                                + " status_reason = NULL, updated_at = :issuedAt WHERE " + TOKEN_UNCHANGED)
                        .bind("keyId", token.keyId())
                        .bind("ciphertext", token.ciphertext())
                        .bind("issuedAt", calls.at(issuedAt))
                        .bind("expiresAt", calls.at(expiresAt))
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

    /** The dead token is wiped: it can never be used again, so it is not kept. */
    @Override
    public boolean markNeedsReconnect(RefreshClaim claim, String reason, Instant now) {
        return calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET status = :status,"
                                + " status_reason = :reason, token_key_id = NULL, token_ciphertext = NULL,"
                                + " token_version = token_version + 1, lease_owner = NULL, lease_until = NULL,"
                                + " updated_at = :now WHERE " + TOKEN_UNCHANGED)
                        .bind("status", AccountStatus.NEEDS_RECONNECT.apiName())
                        .bind("reason", reason)
                        .bind("now", calls.at(now))
                        .bind("id", claim.accountId().value())
                        .bind("version", claim.tokenVersion())
                        .execute())
                == 1;
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

    @Override
    public int markExpired(Instant now) {
        return calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET status = :status,"
                        + " status_reason = 'token_expired', token_key_id = NULL, token_ciphertext = NULL,"
                        + " token_version = token_version + 1, updated_at = :now WHERE status = '" + ACTIVE + "'"
                        + " AND token_expires_at IS NOT NULL AND token_expires_at <= :now AND " + LEASE_FREE)
                .bind("status", AccountStatus.NEEDS_RECONNECT.apiName())
                .bind("now", calls.at(now))
                .execute());
    }

    @Override
    public int disconnectInstagramUser(String instagramUserId, Instant now) {
        return calls.withHandle(h -> h.createUpdate("UPDATE plugkit_accounts SET status = :status,"
                        + " status_reason = 'deauthorized', token_key_id = NULL, token_ciphertext = NULL,"
                        + " token_expires_at = NULL, token_version = token_version + 1, lease_owner = NULL,"
                        + " lease_until = NULL, updated_at = :now WHERE external_id = :user OR app_scoped_id = :user")
                .bind("status", AccountStatus.DISCONNECTED.apiName())
                .bind("now", calls.at(now))
                .bind("user", instagramUserId)
                .execute());
    }

    @Override
    public int deleteInstagramUser(String instagramUserId) {
        return calls.withHandle(
                h -> h.createUpdate("DELETE FROM plugkit_accounts WHERE external_id = :user OR app_scoped_id = :user")
                        .bind("user", instagramUserId)
                        .execute());
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, AccountId id) {
        return calls.withHandle(
                        h -> h.createUpdate("DELETE FROM plugkit_accounts WHERE id = :id AND workspace_id = :ws")
                                .bind("id", id.value())
                                .bind("ws", workspaceId.value())
                                .execute())
                == 1;
    }

    private Account mapAccount(ResultSet rs, StatementContext ctx) throws SQLException {
        String scopes = rs.getString("scopes");
        List<String> scopeList = scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(","));
        return new Account(
                new AccountId(rs.getString("id")),
                new WorkspaceId(rs.getString("workspace_id")),
                new ProfileId(rs.getString("profile_id")),
                rs.getString("external_id"),
                Optional.ofNullable(rs.getString("app_scoped_id")),
                rs.getString("username"),
                Optional.ofNullable(rs.getString("display_name")),
                rs.getString("account_type"),
                Optional.ofNullable(rs.getString("profile_picture_url")),
                scopeList,
                AccountStatus.fromApiName(rs.getString("status")),
                Optional.ofNullable(rs.getString("status_reason")),
                calls.optionalInstant(rs, "token_expires_at"),
                calls.optionalInstant(rs, "last_refreshed_at"),
                calls.instant(rs, "connected_at"),
                calls.instant(rs, "updated_at"),
                Optional.ofNullable(rs.getString("metadata")));
    }
}
