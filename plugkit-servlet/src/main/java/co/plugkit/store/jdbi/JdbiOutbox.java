package co.plugkit.store.jdbi;

import co.plugkit.id.AccountId;
import co.plugkit.id.EventId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.Actor;
import co.plugkit.model.Event;
import co.plugkit.model.EventType;
import co.plugkit.store.NewEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions that write events with the change that causes them, and hand the events to the sink once
 * the transaction committed. A transaction tried again after a lost connection starts with no events: only
 * those of the attempt that committed are handed on.
 */
final class JdbiOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiOutbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final JdbiCalls calls;
    private volatile Consumer<List<Event>> sink = events -> {};

    JdbiOutbox(JdbiCalls calls) {
        this.calls = calls;
    }

    void sink(Consumer<List<Event>> sink) {
        this.sink = sink;
    }

    /** What a transaction body gets: its handle and where its events are recorded. */
    final class Tx {
        final Handle h;
        private final List<Event> written = new ArrayList<>();

        private Tx(Handle h) {
            this.h = h;
        }

        Event write(NewEvent e, Instant now) {
            return write(e, now, Optional.empty());
        }

        /**
         * Writes the event and its deliveries, except to {@code aboutEndpoint}: an endpoint is not sent the
         * events about itself (its creation, its secret's roll), which its owner caused and which a roll's
         * delivery would sign with the very secret it announces.
         */
        Event write(NewEvent e, Instant now, Optional<String> aboutEndpoint) {
            Event event =
                    new Event(EventId.random(), e.type(), now, e.workspaceId(), e.accountId(), e.actor(), e.data());
            h.createUpdate("INSERT INTO plugkit_events (id, workspace_id, type, actor, account_id, created_at, data)"
                            + " VALUES (:id, :ws, :type, :actor, :account, :at, :data)")
                    .bind("id", event.id().value())
                    .bind("ws", event.workspaceId().value())
                    .bind("type", event.type())
                    .bind("actor", event.actor().value())
                    .bind("account", event.accountId().map(AccountId::value).orElse(null))
                    .bind("at", calls.at(now))
                    .bind("data", event.data())
                    .execute();
            written.add(event);
            if (EventType.DELIVERABLE.contains(event.type())) {
                fanOut(event, now, aboutEndpoint);
            }
            return event;
        }

        /** A delivery of the event to every endpoint of its workspace that takes its type, with the event. */
        private void fanOut(Event event, Instant now, Optional<String> except) {
            List<String> endpoints = h
                    .createQuery("SELECT id, events FROM plugkit_webhook_endpoints"
                            + " WHERE workspace_id = :ws AND deleted_at IS NULL ORDER BY seq")
                    .bind("ws", event.workspaceId().value())
                    .map((rs, ctx) -> {
                        String types = rs.getString("events");
                        return types == null || List.of(types.split(",")).contains(event.type())
                                ? rs.getString("id")
                                : null;
                    })
                    .list()
                    .stream()
                    .filter(java.util.Objects::nonNull)
                    .filter(id -> except.map(e -> !e.equals(id)).orElse(true))
                    .toList();
            endpoints.forEach(endpoint -> deliver(event, endpoint, now));
        }

        /** A delivery of the event to one endpoint, due now; its id. */
        String deliver(Event event, String endpointId, Instant now) {
            String id = newId("dlv_");
            h.createUpdate(
                            "INSERT INTO plugkit_webhook_deliveries (id, workspace_id, endpoint_id, event_id, status,"
                                    + " next_attempt_at, created_at) VALUES (:id, :ws, :endpoint, :event, 'pending', :now, :now)")
                    .bind("id", id)
                    .bind("ws", event.workspaceId().value())
                    .bind("endpoint", endpointId)
                    .bind("event", event.id().value())
                    .bind("now", calls.at(now))
                    .execute();
            return id;
        }

        /** An account event: the account's ids and state, and what else the caller adds. */
        Event account(String type, Account a, Actor actor, Instant now, Consumer<ObjectNode> more) {
            ObjectNode data = JSON.createObjectNode()
                    .put("accountId", a.id().value())
                    .put("profileId", a.profileId().value())
                    .put("platform", a.platform().name())
                    .put("externalId", a.externalId())
                    .put("username", a.username())
                    .put("status", a.status().apiName())
                    .put("statusReason", a.statusReason().orElse(null));
            more.accept(data);
            return write(new NewEvent(a.workspaceId(), type, Optional.of(a.id()), actor, text(data)), now);
        }
    }

    /** A random id with this prefix, as the typed ids are made. */
    static String newId(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + java.util.HexFormat.of().formatHex(bytes);
    }

    static String text(ObjectNode data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data could not be written", e);
        }
    }

    <R> R inTransaction(Function<Tx, R> body) {
        return inTransaction(body, true);
    }

    /**
     * The same, but not tried again when the connection is lost on the way: for a change whose second try
     * would differ from the first (a new key inserted twice), so the caller sees the failure instead.
     */
    <R> R inTransactionOnce(Function<Tx, R> body) {
        return inTransaction(body, false);
    }

    private <R> R inTransaction(Function<Tx, R> body, boolean retried) {
        List<Event> committed = new ArrayList<>();
        HandleCallback<R, RuntimeException> work = h -> {
            Tx tx = new Tx(h);
            R r = body.apply(tx);
            committed.clear();
            committed.addAll(tx.written);
            return r;
        };
        R result = retried ? calls.inTransaction(work) : calls.withHandle(h -> h.inTransaction(work));
        if (!committed.isEmpty()) {
            try {
                sink.accept(List.copyOf(committed));
            } catch (RuntimeException e) {
                // the change and its events are committed; a failing sink must not turn that into an error
                LOG.warn("Committed events could not be handed to the listeners: {}", e.toString());
            }
        }
        return result;
    }

    Optional<Event> find(WorkspaceId ws, EventId id) {
        return calls.read(h -> h.createQuery("SELECT id, workspace_id, type, actor, account_id, created_at, data"
                        + " FROM plugkit_events WHERE id = :id AND workspace_id = :ws")
                .bind("id", id.value())
                .bind("ws", ws.value())
                .map((rs, ctx) -> mapEvent(rs))
                .findOne());
    }

    Event mapEvent(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Event(
                new EventId(rs.getString("id")),
                rs.getString("type"),
                calls.instant(rs, "created_at"),
                new WorkspaceId(rs.getString("workspace_id")),
                Optional.ofNullable(rs.getString("account_id")).map(AccountId::new),
                new Actor(rs.getString("actor")),
                rs.getString("data"));
    }
}
