package co.plugkit.store.jdbi;

import static co.plugkit.store.jdbi.JdbiCalls.instant;
import static co.plugkit.store.jdbi.JdbiCalls.optionalInstant;
import static co.plugkit.store.jdbi.JdbiCalls.utc;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.AccountStatus;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.model.SealedToken;
import co.plugkit.store.AccountStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbiAccountStore implements AccountStore {
    private static final String COLUMNS = "seq, id, workspace_id, profile_id, external_id, app_scoped_id, username,"
            + " display_name, account_type, profile_picture_url, scopes, status, token_expires_at, connected_at,"
            + " updated_at";

    private static final String UPDATE_CONNECTION = "UPDATE plugkit_accounts SET app_scoped_id = :appScopedId,"
            + " username = :username, display_name = :displayName, account_type = :accountType,"
            + " profile_picture_url = :pictureUrl, scopes = :scopes, status = :status, token_key_id = :keyId,"
            + " token_ciphertext = :ciphertext, token_expires_at = :expiresAt, updated_at = :now"
            + " WHERE profile_id = :profileId AND external_id = :externalId AND workspace_id = :ws";

    private static final String INSERT_CONNECTION = "INSERT INTO plugkit_accounts (id, workspace_id, profile_id,"
            + " platform, external_id, app_scoped_id, username, display_name, account_type, profile_picture_url,"
            + " scopes, status, token_key_id, token_ciphertext, token_expires_at, connected_at, updated_at)"
            + " VALUES (:id, :ws, :profileId, :platform, :externalId, :appScopedId, :username, :displayName,"
            + " :accountType, :pictureUrl, :scopes, :status, :keyId, :ciphertext, :expiresAt, :now, :now)";

    private final JdbiCalls calls;

    JdbiAccountStore(JdbiCalls calls) {
        this.calls = calls;
    }

    /**
     * Update first, insert if there was nothing to update, and if a racing insert won in between, update
     * again: each statement is atomic on its own, and the unique (profile, user) constraint is the arbiter,
     * so this holds on every database without vendor upsert syntax.
     */
    @Override
    public Account upsert(AccountConnection c, AccountId newId, Instant now) {
        if (updateConnection(c, now) == 0) {
            try {
                calls.withHandle(h -> bindConnection(h.createUpdate(INSERT_CONNECTION), c, now)
                        .bind("id", newId.value())
                        .bind("platform", Account.PLATFORM)
                        .execute());
            } catch (JdbiException e) {
                if (!JdbiCalls.isUniqueViolation(e)) {
                    throw e;
                }
                updateConnection(c, now);
            }
        }
        return calls.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM plugkit_accounts"
                        + " WHERE profile_id = :profileId AND external_id = :externalId")
                .bind("profileId", c.profileId().value())
                .bind("externalId", c.externalId())
                .map(JdbiAccountStore::mapAccount)
                .one());
    }

    private int updateConnection(AccountConnection c, Instant now) {
        return calls.withHandle(h -> bindConnection(h.createUpdate(UPDATE_CONNECTION), c, now).execute());
    }

    private static <S extends SqlStatement<S>> S bindConnection(S statement, AccountConnection c, Instant now) {
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
                .bind("status", AccountStatus.ACTIVE.apiName())
                .bind("keyId", c.sealedToken().keyId())
                .bind("ciphertext", c.sealedToken().ciphertext())
                .bind("expiresAt", utc(c.tokenExpiresAt()))
                .bind("now", utc(now));
    }

    @Override
    public Optional<Account> find(WorkspaceId workspaceId, AccountId id) {
        return calls.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM plugkit_accounts"
                        + " WHERE id = :id AND workspace_id = :ws")
                .bind("id", id.value())
                .bind("ws", workspaceId.value())
                .map(JdbiAccountStore::mapAccount)
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
    public Page<Account> list(WorkspaceId workspaceId, Optional<ProfileId> profileId, int limit, Optional<Cursor> after) {
        String profileFilter = profileId.isPresent() ? " AND profile_id = :profileId" : "";
        return calls.withHandle(h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM plugkit_accounts"
                            + " WHERE workspace_id = :ws AND seq > :after" + profileFilter + " ORDER BY seq")
                    .bind("ws", workspaceId.value())
                    .bind("after", after.map(Cursor::afterSequence).orElse(0L));
            profileId.ifPresent(p -> query.bind("profileId", p.value()));
            return Paging.page(query, limit, JdbiAccountStore::mapAccount);
        });
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, AccountId id) {
        return calls.withHandle(h -> h.createUpdate("DELETE FROM plugkit_accounts WHERE id = :id AND workspace_id = :ws")
                .bind("id", id.value())
                .bind("ws", workspaceId.value())
                .execute()) == 1;
    }

    private static Account mapAccount(ResultSet rs, StatementContext ctx) throws SQLException {
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
                optionalInstant(rs, "token_expires_at"),
                instant(rs, "connected_at"),
                instant(rs, "updated_at"));
    }
}
