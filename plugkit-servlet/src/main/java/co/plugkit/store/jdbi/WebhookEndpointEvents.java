package co.plugkit.store.jdbi;

import co.plugkit.model.Actor;
import co.plugkit.model.EventType;
import co.plugkit.store.NewEvent;
import co.plugkit.store.WebhookStore.Endpoint;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Optional;

/**
 * The audit events of webhook endpoint changes. The signing secret never reaches an event, and neither
 * does the URL's query string or user info: a host may have put a token of its own there.
 */
final class WebhookEndpointEvents {
    private WebhookEndpointEvents() {}

    static NewEvent created(Endpoint endpoint, Actor actor) {
        return event(endpoint, EventType.WEBHOOK_ENDPOINT_CREATED, actor);
    }

    static NewEvent deleted(Endpoint endpoint, Actor actor) {
        return event(endpoint, EventType.WEBHOOK_ENDPOINT_DELETED, actor);
    }

    static NewEvent secretRolled(Endpoint endpoint, Actor actor) {
        return event(endpoint, EventType.WEBHOOK_ENDPOINT_SECRET_ROLLED, actor);
    }

    private static NewEvent event(Endpoint endpoint, String type, Actor actor) {
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("endpointId", endpoint.id())
                .put("url", withoutQuery(endpoint.url()));
        if (endpoint.events().isPresent()) {
            ArrayNode events = data.putArray("events");
            endpoint.events().get().forEach(events::add);
        } else {
            data.putNull("events");
        }
        return new NewEvent(endpoint.workspaceId(), type, Optional.empty(), actor, JdbiOutbox.text(data));
    }

    /** Scheme, host, port and path: enough to tell endpoints apart, nothing a host may keep secret. */
    static String withoutQuery(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
