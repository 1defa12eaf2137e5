package co.plugkit.store.jdbi;

import co.plugkit.id.EventId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Cursor;
import co.plugkit.model.Event;
import co.plugkit.model.Page;
import co.plugkit.store.EventStore;
import co.plugkit.store.NewEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

final class JdbiEventStore implements EventStore {
    private static final String COLUMNS = "id, workspace_id, type, actor, account_id, created_at, data";
    /** A delivery of the event {@code e} that has not been sent or given up yet. */
    private static final String PENDING_DELIVERY =
            "SELECT 1 FROM plugkit_webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending'";

    private final JdbiCalls calls;
    private final JdbiOutbox outbox;

    JdbiEventStore(JdbiCalls calls, JdbiOutbox outbox) {
        this.calls = calls;
        this.outbox = outbox;
    }

    @Override
    public void afterCommit(Consumer<List<Event>> sink) {
        outbox.sink(sink);
    }

    @Override
    public List<Event> append(List<NewEvent> events, Instant now) {
        return outbox.inTransaction(
                tx -> events.stream().map(e -> tx.write(e, now)).toList());
    }

    @Override
    public Optional<Event> find(WorkspaceId workspaceId, EventId id) {
        return outbox.find(workspaceId, id);
    }

    @Override
    public Page<Event> pageNewestFirst(
            WorkspaceId workspaceId, List<String> types, int limit, Optional<Cursor> olderThan) {
        if (types.isEmpty()) {
            return new Page<>(List.of(), Optional.empty());
        }
        return calls.read(h -> {
            var query = h.createQuery("SELECT seq, " + COLUMNS + " FROM plugkit_events WHERE workspace_id = :ws"
                            + " AND type IN (<types>)" + (olderThan.isPresent() ? " AND seq < :before" : "")
                            + " ORDER BY seq DESC")
                    .bind("ws", workspaceId.value())
                    .bindList("types", types);
            olderThan.ifPresent(c -> query.bind("before", c.afterSequence()));
            return Paging.page(query, limit, (rs, ctx) -> outbox.mapEvent(rs));
        });
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return calls.inTransaction(h -> {
            List<String> ids = h.createQuery("SELECT id FROM plugkit_events e WHERE created_at < :cutoff"
                            + " AND NOT EXISTS (" + PENDING_DELIVERY + ") ORDER BY created_at")
                    .bind("cutoff", calls.at(cutoff))
                    .setMaxRows(limit)
                    .mapTo(String.class)
                    .list();
            if (ids.isEmpty()) {
                return 0;
            }
            h.createUpdate("DELETE FROM plugkit_webhook_attempts WHERE delivery_id IN (SELECT id FROM"
                            + " plugkit_webhook_deliveries WHERE event_id IN (<ids>) AND status <> 'pending')")
                    .bindList("ids", ids)
                    .execute();
            h.createUpdate("DELETE FROM plugkit_webhook_deliveries WHERE event_id IN (<ids>) AND status <> 'pending'")
                    .bindList("ids", ids)
                    .execute();
            // Checked again: a delivery retried since the select is pending again, and keeps its event.
            return h.createUpdate("DELETE FROM plugkit_events WHERE id IN (<ids>) AND NOT EXISTS (SELECT 1 FROM"
                            + " plugkit_webhook_deliveries d WHERE d.event_id = plugkit_events.id"
                            + " AND d.status = 'pending')")
                    .bindList("ids", ids)
                    .execute();
        });
    }
}
