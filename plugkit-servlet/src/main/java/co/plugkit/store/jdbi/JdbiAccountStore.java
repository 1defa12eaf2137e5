package co.plugkit.store.jdbi;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.AccountStatus;
import co.plugkit.model.Actor;
import co.plugkit.model.Cursor;
import co.plugkit.model.EventType;
import co.plugkit.model.Page;
import co.plugkit.model.SealedToken;
import co.plugkit.model.WebhookSubscription;
import co.plugkit.provider.Platform;
import co.plugkit.store.AccountStore;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;

/** The connect flow's and the API's side of {@code plugkit_accounts}; the refresher's is {@link JdbiRefreshStore}. */
final class JdbiAccountStore implements AccountStore {
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
            + " WHERE profile_id = :profileId AND platform = :platform AND external_id = :externalId"
            + " AND workspace_id = :ws";

    /** PostgreSQL: one atomic statement, arbitrated by the (profile, user) unique constraint. */
    private static final String UPSERT_POSTGRESQL = INSERT_CONNECTION
            + " ON CONFLICT (profile_id, platform, external_id) DO UPDATE SET " + assignments("= EXCLUDED.%1$s")
            + ", token_version = plugkit_accounts.token_version + 1,"
            + " metadata = COALESCE(EXCLUDED.metadata, plugkit_accounts.metadata)";

    /** MariaDB and MySQL: the same, in their syntax ({@code VALUES()} works on both). */
    private static final String UPSERT_MYSQL = INSERT_CONNECTION
            + " ON DUPLICATE KEY UPDATE " + assignments("= VALUES(%1$s)")
            + ", token_version = token_version + 1, metadata = COALESCE(VALUES(metadata), metadata)";

    private final JdbiCalls calls;
    private final JdbiOutbox outbox;
    private final AccountRows rows;
    private final AccountRemovals removals;

    JdbiAccountStore(JdbiCalls calls, JdbiOutbox outbox) {
        this.calls = calls;
        this.outbox = outbox;
        this.rows = new AccountRows(calls);
        this.removals = new AccountRemovals(calls, outbox, rows);
    }

    AccountRows rows() {
        return rows;
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
     * The account read back tells which happened: it has {@code newId} only if this call inserted it, so
     * exactly one {@code account.connected} is written however many callbacks race.
     */
    @Override
    public Account upsert(AccountConnection c, AccountId newId, Instant now, Actor actor) {
        return outbox.inTransaction(tx -> {
            Optional<Account> before = byConnection(tx.h, c);
            switch (calls.dialect()) {
                case POSTGRESQL -> insert(tx.h, UPSERT_POSTGRESQL, c, newId, now);
                case MYSQL -> insert(tx.h, UPSERT_MYSQL, c, newId, now);
                case H2 -> {
                    if (updateConnection(tx.h, c, now) == 0) {
                        try {
                            insert(tx.h, INSERT_CONNECTION, c, newId, now);
                        } catch (JdbiException e) {
                            if (!StatementFailure.of(e).isUniqueViolation()) {
                                throw e;
                            }
                            updateConnection(tx.h, c, now);
                        }
                    }
                }
            }
            Account account = byConnection(tx.h, c).orElseThrow();
            boolean created = account.id().equals(newId);
            tx.account(
                    created ? EventType.ACCOUNT_CONNECTED : EventType.ACCOUNT_RECONNECTED,
                    account,
                    actor,
                    now,
                    data -> before.ifPresent(
                            b -> data.put("previousStatus", b.status().apiName())));
            return account;
        });
    }

    private Optional<Account> byConnection(Handle h, AccountConnection c) {
        return h.createQuery("SELECT " + AccountRows.COLUMNS + " FROM plugkit_accounts"
                        + " WHERE profile_id = :profileId AND platform = :platform AND external_id = :externalId")
                .bind("profileId", c.profileId().value())
                .bind("platform", c.platform().name())
                .bind("externalId", c.externalId())
                .map(rows::map)
                .findOne();
    }

    /** An upsert, or on H2 an insert whose repetition is a unique violation that the caller resolves. */
    private void insert(Handle h, String sql, AccountConnection c, AccountId newId, Instant now) {
        bindConnection(h.createUpdate(sql), c, now).bind("id", newId.value()).execute();
    }

    private int updateConnection(Handle h, AccountConnection c, Instant now) {
        return bindConnection(h.createUpdate(UPDATE_CONNECTION), c, now).execute();
    }

    private <S extends SqlStatement<S>> S bindConnection(S statement, AccountConnection c, Instant now) {
        return statement
                .bind("ws", c.workspaceId().value())
                .bind("profileId", c.profileId().value())
                .bind("platform", c.platform().name())
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
        return calls.read(h -> h.createQuery("SELECT " + AccountRows.COLUMNS + " FROM plugkit_accounts"
                        + " WHERE id = :id AND workspace_id = :ws")
                .bind("id", id.value())
                .bind("ws", workspaceId.value())
                .map(rows::map)
                .findOne());
    }

    @Override
    public Optional<SealedToken> findToken(WorkspaceId workspaceId, AccountId id) {
        return calls.read(h -> h.createQuery("SELECT token_key_id, token_ciphertext FROM plugkit_accounts"
                        + " WHERE id = :id AND workspace_id = :ws AND token_ciphertext IS NOT NULL")
                .bind("id", id.value())
                .bind("ws", workspaceId.value())
                .map((rs, ctx) -> new SealedToken(rs.getString("token_key_id"), rs.getString("token_ciphertext")))
                .findOne());
    }

    @Override
    public Map<String, Long> countTokensByKeyId() {
        return calls.read(h -> h.createQuery("SELECT token_key_id, COUNT(*) AS tokens FROM plugkit_accounts"
                        + " WHERE token_ciphertext IS NOT NULL GROUP BY token_key_id")
                .reduceRows(new TreeMap<String, Long>(), (counts, row) -> {
                    // A ciphertext without a key id would be a row no PlugKit wrote; it is counted, so that
                    // the start-up check names it instead of skipping it.
                    String keyId = Objects.requireNonNullElse(row.getColumn("token_key_id", String.class), "(none)");
                    counts.merge(keyId, row.getColumn("tokens", Long.class), Long::sum);
                    return counts;
                }));
    }

    @Override
    public Page<Account> list(
            WorkspaceId workspaceId, Optional<ProfileId> profileId, int limit, Optional<Cursor> after) {
        String profileFilter = profileId.isPresent() ? " AND profile_id = :profileId" : "";
        // One profile's page goes through (profile_id, seq), not the workspace's (workspace_id, seq), which would
        // read the workspace's other accounts too. PostgreSQL and MariaDB choose it from their statistics;
        // H2's planner costs both the same and takes the workspace's, so it is named there.
        String table = profileId.isPresent() && calls.dialect() == SqlDialect.H2
                ? "plugkit_accounts USE INDEX (plugkit_accounts_profile_seq)"
                : "plugkit_accounts";
        return calls.read(h -> {
            var query = h.createQuery("SELECT " + AccountRows.COLUMNS + " FROM " + table
                            + " WHERE workspace_id = :ws AND seq > :after" + profileFilter + " ORDER BY seq")
                    .bind("ws", workspaceId.value())
                    .bind("after", after.map(Cursor::afterSequence).orElse(0L));
            profileId.ifPresent(p -> query.bind("profileId", p.value()));
            return Paging.page(query, limit, rows::map);
        });
    }

    @Override
    public int disconnectUser(Platform platform, String userId, Instant now) {
        return removals.disconnectUser(platform, userId, now);
    }

    @Override
    public int deleteUser(Platform platform, String userId, Instant now) {
        return removals.deleteUser(platform, userId, now);
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, AccountId id, Actor actor, Instant now) {
        return removals.delete(workspaceId, id, actor, now);
    }

    @Override
    public List<Account> findByExternalId(Platform platform, String externalId) {
        return calls.read(h -> h.createQuery("SELECT " + AccountRows.COLUMNS + " FROM plugkit_accounts"
                        + " WHERE platform = :platform AND external_id = :externalId ORDER BY seq")
                .bind("platform", platform.name())
                .bind("externalId", externalId)
                .map(rows::map)
                .list());
    }

    @Override
    public void recordWebhooks(
            AccountId id, WebhookSubscription outcome, java.util.function.IntFunction<Optional<Instant>> retryAt) {
        removals.recordWebhooks(id, outcome, retryAt);
    }

    @Override
    public List<Account> claimWebhookRetries(Instant now, Instant leaseUntil, int limit) {
        return removals.claimWebhookRetries(now, leaseUntil, limit);
    }
}
