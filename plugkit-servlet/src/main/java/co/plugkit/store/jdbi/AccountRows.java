package co.plugkit.store.jdbi;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.AccountStatus;
import co.plugkit.model.WebhookSubscription;
import co.plugkit.provider.Platform;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** How an account row is read, for every store that reads one. */
final class AccountRows {
    static final String COLUMNS = "seq, id, workspace_id, profile_id, platform, external_id, app_scoped_id, username,"
            + " display_name, account_type, profile_picture_url, scopes, status, status_reason, token_expires_at,"
            + " last_refreshed_at, connected_at, updated_at, metadata, webhooks";

    private final JdbiCalls calls;

    AccountRows(JdbiCalls calls) {
        this.calls = calls;
    }

    /** The account with this id, read on the caller's handle (inside its transaction). */
    Optional<Account> byId(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM plugkit_accounts WHERE id = :id")
                .bind("id", id)
                .map(this::map)
                .findOne();
    }

    Account map(ResultSet rs, StatementContext ctx) throws SQLException {
        String scopes = rs.getString("scopes");
        List<String> scopeList = scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(","));
        return new Account(
                new AccountId(rs.getString("id")),
                new WorkspaceId(rs.getString("workspace_id")),
                new ProfileId(rs.getString("profile_id")),
                new Platform(rs.getString("platform")),
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
                Optional.ofNullable(rs.getString("metadata")),
                Optional.ofNullable(rs.getString("webhooks")).map(WebhookSubscription::fromApiName));
    }
}
