package co.plugkit.store.jdbi;

import co.plugkit.id.EventId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Event;
import co.plugkit.store.EventStore;
import co.plugkit.store.NewEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

final class JdbiEventStore implements EventStore {
    private static final String COLUMNS = "id, workspace_id, type, actor, account_id, created_at, data";

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
    public List<Event> listNewestFirst(WorkspaceId workspaceId, int limit, Optional<EventId> before) {
        return calls.read(h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM plugkit_events WHERE workspace_id = :ws"
                            + (before.isPresent()
                                    ? " AND seq < (SELECT seq FROM plugkit_events WHERE id = :before AND workspace_id = :ws)"
                                    : "")
                            + " ORDER BY seq DESC LIMIT :limit")
                    .bind("ws", workspaceId.value())
                    .bind("limit", limit);
            before.ifPresent(b -> query.bind("before", b.value()));
            return query.map((rs, ctx) -> outbox.mapEvent(rs)).list();
        });
    }
}
