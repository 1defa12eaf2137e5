package co.plugkit.internal.web;

import co.plugkit.id.AccountId;
import co.plugkit.model.Event;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON shape of an audit entry: {@code {"id","type","createdAt","actor","accountId","data"}}. The data
 * is what PlugKit wrote with the event, which never holds a token or a secret (docs/events.md lists it).
 */
final class AuditViews {
    private static final ObjectMapper STORED_JSON = Json.newMapper();

    private AuditViews() {}

    record AuditEventView(String id, String type, String createdAt, String actor, String accountId, JsonNode data) {}

    static AuditEventView entry(Event e) {
        return new AuditEventView(
                e.id().value(),
                e.type(),
                e.createdAt().toString(),
                e.actor().value(),
                e.accountId().map(AccountId::value).orElse(null),
                data(e.data()));
    }

    /** An event's data is the JSON text PlugKit itself wrote. */
    private static JsonNode data(String text) {
        try {
            return STORED_JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event's data is not JSON", e);
        }
    }
}
