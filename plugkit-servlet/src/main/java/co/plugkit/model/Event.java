package co.plugkit.model;

import co.plugkit.id.AccountId;
import co.plugkit.id.EventId;
import co.plugkit.id.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in a workspace: an account connected or lost, a message or comment forwarded
 * from Instagram. Listeners and webhook endpoints receive it as the envelope
 * {@code {"id","type","createdAt","workspaceId","data"}}.
 *
 * @param type one of {@link EventType}'s names
 * @param accountId the account it concerns, if any
 * @param actor who caused it (kept for the audit trail; not part of the envelope)
 * @param data the event's payload, a JSON object as text (see docs/events.md for each type's fields)
 */
public record Event(
        EventId id,
        String type,
        Instant createdAt,
        WorkspaceId workspaceId,
        Optional<AccountId> accountId,
        Actor actor,
        String data) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(data, "data");
    }
}
