package co.plugkit.store;

import co.plugkit.id.EventId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Cursor;
import co.plugkit.model.Event;
import co.plugkit.model.Page;
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

    /**
     * A page of a workspace's events of these types, newest first: at most {@code limit}, and only those
     * written before the row {@code olderThan} names (the page's {@link Page#next()} cursor names its last
     * row). An event deleted meanwhile does not break the paging.
     */
    Page<Event> pageNewestFirst(WorkspaceId workspaceId, List<String> types, int limit, Optional<Cursor> olderThan);

    /**
     * Deletes at most {@code limit} events written before {@code cutoff}, oldest first, in every workspace,
     * with their finished webhook deliveries and those deliveries' attempts. An event that still has a
     * pending delivery is kept, so retention never takes an event from under its sender.
     *
     * @return how many events were deleted
     */
    int deleteOlderThan(Instant cutoff, int limit);
}
