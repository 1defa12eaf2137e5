package co.plugkit.store.jdbi;

import co.plugkit.id.EventId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Actor;
import co.plugkit.model.SealedToken;
import co.plugkit.store.NewEvent;
import co.plugkit.store.WebhookStore;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The endpoints and deliveries tables. Deliveries are leased in batches ({@link BatchLease}), as the
 * refresher leases accounts.
 */
final class JdbiWebhookStore implements WebhookStore {
    private static final String ENDPOINT = "id, workspace_id, url, events, created_at";
    private static final String LEASE_FREE = "(lease_until IS NULL OR lease_until <= :now)";
    private static final String DUE = "status = 'pending' AND next_attempt_at <= :now AND " + LEASE_FREE;

    /** Due deliveries, oldest first, leased in batches as the refresher's accounts are. */
    private static final BatchLease<Delivery> CLAIM = new BatchLease<>(
            "plugkit_webhook_deliveries",
            DUE,
            "next_attempt_at, seq",
            "id, workspace_id, endpoint_id, event_id, attempts",
            "status = 'pending'",
            (rs, ctx) -> new Delivery(
                    rs.getString("id"),
                    new WorkspaceId(rs.getString("workspace_id")),
                    rs.getString("endpoint_id"),
                    new EventId(rs.getString("event_id")),
                    rs.getInt("attempts")));

    private final JdbiCalls calls;
    private final JdbiOutbox outbox;

    JdbiWebhookStore(JdbiCalls calls, JdbiOutbox outbox) {
        this.calls = calls;
        this.outbox = outbox;
    }

    @Override
    public void createEndpoint(Endpoint e, SealedToken secret, Actor actor) {
        outbox.inTransactionOnce(tx -> {
            tx.h.createUpdate("INSERT INTO plugkit_webhook_endpoints (id, workspace_id, url, events,"
                            + " secret_key_id, secret_ciphertext, created_at) VALUES (:id, :ws, :url, :events, :keyId,"
                            + " :ciphertext, :at)")
                    .bind("id", e.id())
                    .bind("ws", e.workspaceId().value())
                    .bind("url", e.url().toString())
                    .bind(
                            "events",
                            e.events().map(list -> String.join(",", list)).orElse(null))
                    .bind("keyId", secret.keyId())
                    .bind("ciphertext", secret.ciphertext())
                    .bind("at", calls.at(e.createdAt()))
                    .execute();
            return tx.write(WebhookEndpointEvents.created(e, actor), e.createdAt(), Optional.of(e.id()));
        });
    }

    @Override
    public List<Endpoint> endpoints(WorkspaceId ws) {
        return calls.read(h -> h.createQuery("SELECT " + ENDPOINT + " FROM plugkit_webhook_endpoints"
                        + " WHERE workspace_id = :ws AND deleted_at IS NULL ORDER BY seq")
                .bind("ws", ws.value())
                .map((rs, ctx) -> endpoint(rs))
                .list());
    }

    @Override
    public Optional<Endpoint> endpoint(WorkspaceId ws, String id) {
        return calls.read(h -> endpoint(h, ws, id));
    }

    private Optional<Endpoint> endpoint(org.jdbi.v3.core.Handle h, WorkspaceId ws, String id) {
        return h.createQuery("SELECT " + ENDPOINT + " FROM plugkit_webhook_endpoints"
                        + " WHERE workspace_id = :ws AND id = :id AND deleted_at IS NULL")
                .bind("ws", ws.value())
                .bind("id", id)
                .map((rs, ctx) -> endpoint(rs))
                .findOne();
    }

    private Endpoint endpoint(ResultSet rs) throws SQLException {
        return new Endpoint(
                rs.getString("id"),
                new WorkspaceId(rs.getString("workspace_id")),
                URI.create(rs.getString("url")),
                Optional.ofNullable(rs.getString("events")).map(e -> Arrays.asList(e.split(","))),
                calls.instant(rs, "created_at"));
    }

    @Override
    public Optional<Secrets> secrets(String endpointId) {
        return calls.read(h -> h.createQuery("SELECT secret_key_id, secret_ciphertext, old_secret_key_id,"
                        + " old_secret_ciphertext, old_secret_until FROM plugkit_webhook_endpoints"
                        + " WHERE id = :id AND deleted_at IS NULL")
                .bind("id", endpointId)
                .map((rs, ctx) -> new Secrets(
                        new SealedToken(rs.getString("secret_key_id"), rs.getString("secret_ciphertext")),
                        Optional.ofNullable(rs.getString("old_secret_ciphertext"))
                                .map(c -> new SealedToken(rsString(rs, "old_secret_key_id"), c)),
                        calls.optionalInstant(rs, "old_secret_until")))
                .findOne());
    }

    private static String rsString(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean deleteEndpoint(WorkspaceId ws, String id, Instant now, Actor actor) {
        return outbox.inTransaction(tx -> {
            Optional<Endpoint> endpoint = endpoint(tx.h, ws, id);
            if (endpoint.isEmpty()) {
                return false;
            }
            int deleted = tx.h.createUpdate("UPDATE plugkit_webhook_endpoints SET deleted_at = :now"
                            + " WHERE id = :id AND workspace_id = :ws AND deleted_at IS NULL")
                    .bind("now", calls.at(now))
                    .bind("id", id)
                    .bind("ws", ws.value())
                    .execute();
            tx.h.createUpdate("UPDATE plugkit_webhook_deliveries SET status = 'failed', completed_at = :now"
                            + " WHERE endpoint_id = :id AND status = 'pending'")
                    .bind("now", calls.at(now))
                    .bind("id", id)
                    .execute();
            if (deleted != 1) {
                return false;
            }
            tx.write(WebhookEndpointEvents.deleted(endpoint.get(), actor), now, Optional.of(id));
            return true;
        });
    }

    @Override
    public boolean rollSecret(
            WorkspaceId ws, String id, SealedToken next, Instant previousUntil, Instant now, Actor actor) {
        return outbox.inTransaction(tx -> {
            Optional<Endpoint> endpoint = endpoint(tx.h, ws, id);
            if (endpoint.isEmpty()
                    || tx.h.createUpdate("UPDATE plugkit_webhook_endpoints SET"
                                            + " old_secret_key_id = secret_key_id, old_secret_ciphertext = secret_ciphertext,"
                                            + " old_secret_until = :until, secret_key_id = :keyId,"
                                            + " secret_ciphertext = :ciphertext"
                                            + " WHERE id = :id AND workspace_id = :ws AND deleted_at IS NULL")
                                    .bind("until", calls.at(previousUntil))
                                    .bind("keyId", next.keyId())
                                    .bind("ciphertext", next.ciphertext())
                                    .bind("id", id)
                                    .bind("ws", ws.value())
                                    .execute()
                            != 1) {
                return false;
            }
            tx.write(WebhookEndpointEvents.secretRolled(endpoint.get(), actor), now, Optional.of(id));
            return true;
        });
    }

    @Override
    public Optional<String> sendTest(WorkspaceId ws, String endpointId, NewEvent event, Instant now) {
        return outbox.inTransaction(tx -> {
            boolean exists = tx.h.createQuery("SELECT COUNT(*) FROM plugkit_webhook_endpoints"
                                    + " WHERE id = :id AND workspace_id = :ws AND deleted_at IS NULL")
                            .bind("id", endpointId)
                            .bind("ws", ws.value())
                            .mapTo(Integer.class)
                            .one()
                    == 1;
            if (!exists) {
                return Optional.<String>empty();
            }
            return Optional.of(tx.deliver(tx.write(event, now), endpointId, now));
        });
    }

    @Override
    public List<Delivery> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
        return CLAIM.claim(calls, Map.of("now", calls.at(now)), owner, leaseUntil, limit);
    }

    @Override
    public boolean recordAttempt(
            Delivery d, String owner, Attempt attempt, boolean success, Optional<Instant> nextAttempt) {
        String status = success ? "succeeded" : nextAttempt.isPresent() ? "pending" : "failed";
        return calls.inTransaction(h -> {
            int won = h.createUpdate("UPDATE plugkit_webhook_deliveries SET status = :status,"
                            + " attempts = attempts + 1, next_attempt_at = :next, completed_at = :completed,"
                            + " lease_owner = NULL, lease_until = NULL"
                            + " WHERE id = :id AND lease_owner = :owner AND status = 'pending'")
                    .bind("status", status)
                    .bind("next", calls.at(success ? null : nextAttempt.orElse(null)))
                    .bind("completed", calls.at(status.equals("pending") ? null : attempt.at()))
                    .bind("id", d.id())
                    .bind("owner", owner)
                    .execute();
            if (won != 1) {
                return false;
            }
            h.createUpdate("INSERT INTO plugkit_webhook_attempts (id, delivery_id, attempted_at, status_code,"
                            + " duration_ms, error) VALUES (:id, :delivery, :at, :code, :ms, :error)")
                    .bind("id", JdbiOutbox.newId("att_"))
                    .bind("delivery", d.id())
                    .bind("at", calls.at(attempt.at()))
                    .bind(
                            "code",
                            attempt.statusCode().isPresent()
                                    ? attempt.statusCode().getAsInt()
                                    : null)
                    .bind("ms", (int) Math.min(Integer.MAX_VALUE, attempt.durationMillis()))
                    .bind(
                            "error",
                            attempt.error()
                                    .map(e -> e.length() > 300 ? e.substring(0, 300) : e)
                                    .orElse(null))
                    .execute();
            return true;
        });
    }

    @Override
    public List<DeliveryState> deliveries(WorkspaceId ws, String endpointId, int limit) {
        return calls.read(h -> {
            List<DeliveryState> rows = h.createQuery("SELECT d.id, d.endpoint_id, d.event_id, e.type, d.status,"
                            + " d.next_attempt_at, d.created_at, d.completed_at FROM plugkit_webhook_deliveries d"
                            + " JOIN plugkit_events e ON e.id = d.event_id"
                            + " WHERE d.workspace_id = :ws AND d.endpoint_id = :endpoint ORDER BY d.seq DESC")
                    .bind("ws", ws.value())
                    .bind("endpoint", endpointId)
                    .setMaxRows(limit)
                    .map((rs, ctx) -> new DeliveryState(
                            rs.getString("id"),
                            rs.getString("endpoint_id"),
                            new EventId(rs.getString("event_id")),
                            rs.getString("type"),
                            rs.getString("status"),
                            calls.optionalInstant(rs, "next_attempt_at"),
                            calls.instant(rs, "created_at"),
                            calls.optionalInstant(rs, "completed_at"),
                            List.of()))
                    .list();
            List<DeliveryState> withAttempts = new ArrayList<>();
            for (DeliveryState d : rows) {
                List<Attempt> attempts = h.createQuery("SELECT attempted_at, status_code, duration_ms, error"
                                + " FROM plugkit_webhook_attempts WHERE delivery_id = :id ORDER BY seq")
                        .bind("id", d.id())
                        .map((rs, ctx) -> {
                            int code = rs.getInt("status_code");
                            OptionalInt status = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(code);
                            return new Attempt(
                                    calls.instant(rs, "attempted_at"),
                                    status,
                                    rs.getInt("duration_ms"),
                                    Optional.ofNullable(rs.getString("error")));
                        })
                        .list();
                withAttempts.add(new DeliveryState(
                        d.id(),
                        d.endpointId(),
                        d.eventId(),
                        d.eventType(),
                        d.status(),
                        d.nextAttemptAt(),
                        d.createdAt(),
                        d.completedAt(),
                        attempts));
            }
            return withAttempts;
        });
    }

    @Override
    public boolean retry(WorkspaceId ws, String deliveryId, Instant now) {
        return calls.withHandle(h -> h.createUpdate("UPDATE plugkit_webhook_deliveries SET status = 'pending',"
                                + " next_attempt_at = :now, completed_at = NULL"
                                + " WHERE id = :id AND workspace_id = :ws AND endpoint_id IN"
                                + " (SELECT id FROM plugkit_webhook_endpoints WHERE deleted_at IS NULL)")
                        .bind("now", calls.at(now))
                        .bind("id", deliveryId)
                        .bind("ws", ws.value())
                        .execute())
                == 1;
    }
}
