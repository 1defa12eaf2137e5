package co.plugkit.store.jdbi;

import co.plugkit.store.MetaWebhookStore;
import co.plugkit.store.NewEvent;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** {@code plugkit_meta_webhooks}: leases taken with conditional updates, as the refresher's are. */
final class JdbiMetaWebhookStore implements MetaWebhookStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LEASE_FREE = "(lease_until IS NULL OR lease_until <= :now)";

    private final JdbiCalls calls;
    private final JdbiOutbox outbox;

    JdbiMetaWebhookStore(JdbiCalls calls, JdbiOutbox outbox) {
        this.calls = calls;
        this.outbox = outbox;
    }

    @Override
    public boolean receive(String bodySha256, String body, Instant now) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        try {
            calls.withHandle(
                    h -> h.createUpdate("INSERT INTO plugkit_meta_webhooks (id, body_sha256, body, received_at)"
                                    + " VALUES (:id, :hash, :body, :now)")
                            .bind("id", "mwh_" + HexFormat.of().formatHex(id))
                            .bind("hash", bodySha256)
                            .bind("body", body)
                            .bind("now", calls.at(now))
                            .execute());
            return true;
        } catch (StatementFailure e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Received> claim(Instant now, String owner, Instant leaseUntil, int limit) {
        List<String> candidates = calls.read(h -> h.createQuery("SELECT id FROM plugkit_meta_webhooks"
                        + " WHERE processed_at IS NULL AND " + LEASE_FREE + " ORDER BY seq")
                .bind("now", calls.at(now))
                .setMaxRows(limit)
                .mapTo(String.class)
                .list());
        List<Received> claimed = new ArrayList<>();
        for (String id : candidates) {
            int won = calls.withHandle(h -> h.createUpdate("UPDATE plugkit_meta_webhooks SET lease_owner = :owner,"
                            + " lease_until = :until, attempts = attempts + 1"
                            + " WHERE id = :id AND processed_at IS NULL AND " + LEASE_FREE)
                    .bind("owner", owner)
                    .bind("until", calls.at(leaseUntil))
                    .bind("id", id)
                    .bind("now", calls.at(now))
                    .execute());
            if (won == 1) {
                calls.read(h -> h.createQuery("SELECT id, body, attempts FROM plugkit_meta_webhooks WHERE id = :id")
                                .bind("id", id)
                                .map((rs, ctx) ->
                                        new Received(rs.getString("id"), rs.getString("body"), rs.getInt("attempts")))
                                .findOne())
                        .ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    @Override
    public boolean complete(Received delivery, String owner, List<NewEvent> events, Instant now) {
        return outbox.inTransaction(tx -> {
            int won = tx.h.createUpdate("UPDATE plugkit_meta_webhooks SET processed_at = :now, lease_owner = NULL,"
                            + " lease_until = NULL WHERE id = :id AND lease_owner = :owner AND processed_at IS NULL")
                    .bind("now", calls.at(now))
                    .bind("id", delivery.id())
                    .bind("owner", owner)
                    .execute();
            if (won != 1) {
                return false;
            }
            events.forEach(e -> tx.write(e, now));
            return true;
        });
    }

    @Override
    public void release(Received delivery, String owner, Instant retryAt) {
        calls.withHandle(
                h -> h.createUpdate("UPDATE plugkit_meta_webhooks SET lease_owner = NULL, lease_until = :retryAt"
                                + " WHERE id = :id AND lease_owner = :owner")
                        .bind("retryAt", calls.at(retryAt))
                        .bind("id", delivery.id())
                        .bind("owner", owner)
                        .execute());
    }
}
