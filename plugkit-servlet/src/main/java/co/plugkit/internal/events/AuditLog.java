package co.plugkit.internal.events;

import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Cursor;
import co.plugkit.model.Event;
import co.plugkit.model.EventType;
import co.plugkit.model.Page;
import co.plugkit.store.EventStore;
import java.util.Objects;
import java.util.Optional;

/**
 * A workspace's audit trail: its events of the {@link EventType#AUDITED} types, newest first. The events
 * table is the trail, so an entry is exactly the event written with the change, in its transaction.
 */
public final class AuditLog {
    private final EventStore events;

    public AuditLog(EventStore events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /** At most {@code limit} entries, older than the last one of the previous page if {@code olderThan} is given. */
    public Page<Event> list(WorkspaceId workspaceId, int limit, Optional<Cursor> olderThan) {
        return events.pageNewestFirst(workspaceId, EventType.AUDITED, limit, olderThan);
    }
}
