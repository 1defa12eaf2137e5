package co.plugkit.store.jdbi;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.AccountStatus;
import co.plugkit.model.Actor;
import co.plugkit.model.EventType;
import co.plugkit.model.WebhookSubscription;
import co.plugkit.provider.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The account writes that end a connection — the API's disconnect, Meta's deauthorization and data
 * deletion — each with its events in the same transaction, and the webhook subscription's bookkeeping.
 * The affected rows are read {@code FOR UPDATE} first, so two callbacks for one user never both report
 * the same account.
 */
final class AccountRemovals {
    private static final String OF_USER =
            " WHERE platform = :platform AND (external_id = :user OR app_scoped_id = :user)";

    private final JdbiCalls calls;
    private final JdbiOutbox outbox;
    private final AccountRows rows;

    AccountRemovals(JdbiCalls calls, JdbiOutbox outbox, AccountRows rows) {
        this.calls = calls;
        this.outbox = outbox;
        this.rows = rows;
    }

    int disconnectUser(Platform platform, String userId, Instant now) {
        return outbox.inTransaction(tx -> {
            List<Account> before = tx.h.createQuery("SELECT " + AccountRows.COLUMNS + " FROM plugkit_accounts" + OF_USER
                            + " ORDER BY seq FOR UPDATE")
                    .bind("platform", platform.name())
                    .bind("user", userId)
                    .map(rows::map)
                    .list();
            int count = tx.h.createUpdate("UPDATE plugkit_accounts SET status = :status,"
                            + " status_reason = 'deauthorized', token_key_id = NULL, token_ciphertext = NULL,"
                            + " token_expires_at = NULL, token_version = token_version + 1, lease_owner = NULL,"
                            + " lease_until = NULL, updated_at = :now" + OF_USER)
                    .bind("platform", platform.name())
                    .bind("status", AccountStatus.DISCONNECTED.apiName())
                    .bind("now", calls.at(now))
                    .bind("user", userId)
                    .execute();
            for (Account old : before) {
                if (old.status() != AccountStatus.DISCONNECTED) {
                    Account now2 = rows.byId(tx.h, old.id().value()).orElseThrow();
                    tx.account(
                            EventType.ACCOUNT_DISCONNECTED,
                            now2,
                            Actor.META,
                            now,
                            data -> data.put("reason", "deauthorized")
                                    .put("previousStatus", old.status().apiName()));
                }
            }
            return count;
        });
    }

    int deleteUser(Platform platform, String userId, Instant now) {
        return outbox.inTransaction(tx -> {
            List<Account> doomed = tx.h.createQuery("SELECT " + AccountRows.COLUMNS + " FROM plugkit_accounts" + OF_USER
                            + " ORDER BY seq FOR UPDATE")
                    .bind("platform", platform.name())
                    .bind("user", userId)
                    .map(rows::map)
                    .list();
            int count = tx.h.createUpdate("DELETE FROM plugkit_accounts" + OF_USER)
                    .bind("platform", platform.name())
                    .bind("user", userId)
                    .execute();
            for (Account a : doomed) {
                tx.write(deleted(a), now);
            }
            return count;
        });
    }

    /**
     * The user asked for their data to be deleted, so the event names the account by PlugKit's ids only:
     * no username, no Instagram id.
     */
    private static co.plugkit.store.NewEvent deleted(Account a) {
        var data = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("accountId", a.id().value())
                .put("profileId", a.profileId().value())
                .put("platform", a.platform().name())
                .put("reason", "data_deletion");
        return new co.plugkit.store.NewEvent(
                a.workspaceId(), EventType.ACCOUNT_DELETED, Optional.of(a.id()), Actor.META, JdbiOutbox.text(data));
    }

    boolean delete(WorkspaceId workspaceId, AccountId id, Actor actor, Instant now) {
        return outbox.inTransaction(tx -> {
            Optional<Account> account = tx.h.createQuery("SELECT " + AccountRows.COLUMNS
                            + " FROM plugkit_accounts WHERE id = :id AND workspace_id = :ws FOR UPDATE")
                    .bind("id", id.value())
                    .bind("ws", workspaceId.value())
                    .map(rows::map)
                    .findOne();
            if (account.isEmpty()) {
                return false;
            }
            tx.h.createUpdate("DELETE FROM plugkit_accounts WHERE id = :id")
                    .bind("id", id.value())
                    .execute();
            Account a = account.get();
            tx.account(
                    EventType.ACCOUNT_DISCONNECTED,
                    a,
                    actor,
                    now,
                    data -> data.put("status", "disconnected")
                            .put("statusReason", "api")
                            .put("reason", "api")
                            .put("previousStatus", a.status().apiName()));
            return true;
        });
    }

    void recordWebhooks(
            AccountId id, WebhookSubscription outcome, java.util.function.IntFunction<Optional<Instant>> retryAt) {
        boolean failed = outcome == WebhookSubscription.FAILED;
        calls.inTransaction(h -> {
            h.createUpdate("UPDATE plugkit_accounts SET webhooks = :outcome, webhooks_failures = "
                            + (failed ? "webhooks_failures + 1" : "0") + " WHERE id = :id")
                    .bind("outcome", outcome.apiName())
                    .bind("id", id.value())
                    .execute();
            int failures = h.createQuery("SELECT webhooks_failures FROM plugkit_accounts WHERE id = :id")
                    .bind("id", id.value())
                    .mapTo(Integer.class)
                    .findOne()
                    .orElse(0);
            return h.createUpdate("UPDATE plugkit_accounts SET webhooks_retry_at = :retryAt WHERE id = :id")
                    .bind("retryAt", calls.at(retryAt.apply(failures).orElse(null)))
                    .bind("id", id.value())
                    .execute();
        });
    }

    List<Account> claimWebhookRetries(Instant now, Instant leaseUntil, int limit) {
        List<String> due = calls.read(h -> h.createQuery("SELECT id FROM plugkit_accounts WHERE webhooks = 'failed'"
                        + " AND status = 'active' AND webhooks_retry_at <= :now ORDER BY webhooks_retry_at")
                .bind("now", calls.at(now))
                .setMaxRows(limit)
                .mapTo(String.class)
                .list());
        List<Account> claimed = new ArrayList<>();
        for (String id : due) {
            int won = calls.withHandle(h -> h.createUpdate(
                            "UPDATE plugkit_accounts SET webhooks_retry_at = :until"
                                    + " WHERE id = :id AND webhooks = 'failed' AND status = 'active' AND webhooks_retry_at <= :now")
                    .bind("until", calls.at(leaseUntil))
                    .bind("id", id)
                    .bind("now", calls.at(now))
                    .execute());
            if (won == 1) {
                calls.read(h -> rows.byId(h, id)).ifPresent(claimed::add);
            }
        }
        return claimed;
    }
}
