package co.plugkit.store.jdbi;

import co.plugkit.model.Actor;
import co.plugkit.model.ApiKey;
import co.plugkit.model.EventType;
import co.plugkit.store.NewEvent;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The audit events of API key changes. A key is named by its id, name and public prefix (what
 * {@code GET /v1/api-keys} shows); its secret and hash never reach an event.
 */
final class ApiKeyEvents {
    private ApiKeyEvents() {}

    static NewEvent created(ApiKey key, Actor actor) {
        ObjectNode data = describe(key);
        data.put("expiresAt", key.expiresAt().map(Instant::toString).orElse(null));
        return event(key, EventType.API_KEY_CREATED, data, actor);
    }

    /** The old key rolled into {@code next}; the old one works until {@code oldKeyExpiresAt}. */
    static NewEvent rolled(ApiKey old, ApiKey next, Instant oldKeyExpiresAt, Actor actor) {
        ObjectNode data = describe(old);
        data.put("newApiKeyId", next.id().value());
        data.put("newPrefix", next.prefix());
        data.put("oldKeyExpiresAt", oldKeyExpiresAt.toString());
        return event(old, EventType.API_KEY_ROLLED, data, actor);
    }

    static NewEvent deleted(ApiKey key, Actor actor) {
        return event(key, EventType.API_KEY_DELETED, describe(key), actor);
    }

    private static ObjectNode describe(ApiKey key) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("apiKeyId", key.id().value())
                .put("name", key.name())
                .put("prefix", key.prefix());
    }

    private static NewEvent event(ApiKey key, String type, ObjectNode data, Actor actor) {
        return new NewEvent(key.workspaceId(), type, Optional.empty(), actor, JdbiOutbox.text(data));
    }
}
