package co.plugkit.store;

import co.plugkit.id.EventId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Event;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The events table: an outbox and the audit trail in one. Every store write that changes an account's
 * status writes its event in the same transaction (see {@link AccountStore} and {@link RefreshStore}), so no
 * event is lost or invented when a server dies between the two.
 *
 * <p>A store hands the events of each transaction to the sink set with {@link #afterCommit}, once the
 * transaction has committed, on the committing thread; the sink only queues them.
 */
public interface EventStore {

    /** Where committed events go (PlugKit's listener dispatch); set once, before the store is used. */
    void afterCommit(Consumer<List<Event>> sink);

    /** Writes events that no other change goes with (a forwarded webhook, a test event), in one transaction. */
    List<Event> append(List<NewEvent> events, Instant now);

    /** An event of a workspace. */
    Optional<Event> find(WorkspaceId workspaceId, EventId id);

    /** A workspace's events newest first, at most {@code limit}, older than the event {@code before} if given. */
    List<Event> listNewestFirst(WorkspaceId workspaceId, int limit, Optional<EventId> before);
}
