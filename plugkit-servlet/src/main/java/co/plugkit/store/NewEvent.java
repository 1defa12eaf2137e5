package co.plugkit.store;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Actor;
import java.util.Objects;
import java.util.Optional;

/**
 * An event to be written; the store gives it its id and time.
 *
 * @param data the payload, a JSON object as text
 */
public record NewEvent(WorkspaceId workspaceId, String type, Optional<AccountId> accountId, Actor actor, String data) {
    public NewEvent {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(data, "data");
    }
}
