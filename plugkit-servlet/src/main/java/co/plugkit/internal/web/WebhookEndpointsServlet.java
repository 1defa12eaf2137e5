package co.plugkit.internal.web;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.events.WebhookEndpoints;
import co.plugkit.internal.events.WebhookEndpoints.Creation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /v1/webhook-endpoints}: create (the secret shown once), list, get, delete, test, roll the secret,
 * list an endpoint's deliveries, and retry a delivery ({@code POST …/deliveries/{id}/retry}).
 */
final class WebhookEndpointsServlet extends AuthenticatedServlet {
    private static final Pattern ID = Pattern.compile("(we|dlv)_[0-9a-f]{24}");

    private final transient WebhookEndpoints endpoints;

    WebhookEndpointsServlet(ObjectMapper json, ApiKeys apiKeys, WebhookEndpoints endpoints) {
        super(json, apiKeys, "GET", "POST", "DELETE");
        this.endpoints = endpoints;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId ws) throws IOException {
        List<String> path = call.pathSegments();
        String method = call.method();
        if (path.isEmpty()) {
            switch (method) {
                case "GET" ->
                    call.respond(
                            200,
                            Map.of(
                                    "data",
                                    endpoints.list(ws).stream()
                                            .map(WebhookViews::endpoint)
                                            .toList()));
                case "POST" -> create(call, ws);
                default -> throw ApiProblem.methodNotAllowed(method, "GET", "POST");
            }
            return;
        }
        if (path.size() == 3 && path.get(0).equals("deliveries") && path.get(2).equals("retry")) {
            requireMethod(method, "POST");
            String id = path.get(1);
            if (!ID.matcher(id).matches() || !endpoints.retry(ws, id)) {
                throw ApiError.DELIVERY_NOT_FOUND.problem();
            }
            call.respond(202, new WebhookViews.Accepted(id));
            return;
        }
        String id = path.get(0);
        if (!ID.matcher(id).matches() || endpoints.find(ws, id).isEmpty()) {
            throw ApiError.WEBHOOK_ENDPOINT_NOT_FOUND.problem();
        }
        if (path.size() == 1) {
            switch (method) {
                case "GET" ->
                    call.respond(
                            200, WebhookViews.endpoint(endpoints.find(ws, id).orElseThrow()));
                case "DELETE" -> {
                    endpoints.delete(ws, id, call.actor());
                    call.noContent();
                }
                default -> throw ApiProblem.methodNotAllowed(method, "GET", "DELETE");
            }
            return;
        }
        switch (path.size() == 2 ? path.get(1) : "") {
            case "test" -> {
                requireMethod(method, "POST");
                String delivery = endpoints
                        .sendTest(ws, id, call.actor())
                        .orElseThrow(ApiError.WEBHOOK_ENDPOINT_NOT_FOUND::problem);
                call.respond(202, new WebhookViews.Accepted(delivery));
            }
            case "roll-secret" -> {
                requireMethod(method, "POST");
                WebhookEndpoints.Created rolled = endpoints
                        .rollSecret(ws, id, call.actor())
                        .orElseThrow(ApiError.WEBHOOK_ENDPOINT_NOT_FOUND::problem);
                call.respond(
                        200,
                        WebhookViews.created(rolled.endpoint(), rolled.secret().reveal()));
            }
            case "deliveries" -> {
                requireMethod(method, "GET");
                int limit = call.intQuery("limit", 1, 100, 20);
                call.respond(
                        200,
                        Map.of(
                                "data",
                                endpoints.deliveries(ws, id, limit).stream()
                                        .map(WebhookViews::delivery)
                                        .toList()));
            }
            default -> throw ApiError.NOT_FOUND.problem();
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw ApiProblem.methodNotAllowed(method, allowed);
        }
    }

    private void create(ApiCall call, WorkspaceId ws) throws IOException {
        JsonNode body = call.jsonBody();
        String text = ApiCall.textField(body, "url", 2048);
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw ApiProblem.badParameter("url", "must be an absolute https URL");
        }
        Optional<List<String>> events = Optional.empty();
        JsonNode types = body.get("events");
        if (types != null && !types.isNull()) {
            if (!types.isArray() || types.isEmpty()) {
                throw ApiProblem.badParameter("events", "must be a non-empty array of event types");
            }
            List<String> list = new ArrayList<>();
            types.forEach(t -> list.add(t.asText("")));
            events = Optional.of(List.copyOf(list));
        }
        Creation creation = endpoints.create(ws, url, events, call.actor());
        if (creation instanceof Creation.Done done) {
            call.respond(
                    201,
                    WebhookViews.created(
                            done.created().endpoint(), done.created().secret().reveal()));
        } else if (creation instanceof Creation.UrlRefused refused) {
            throw ApiError.WEBHOOK_URL_NOT_ALLOWED.problem(refused.reason());
        } else if (creation instanceof Creation.UnknownEventType unknown) {
            throw ApiProblem.badParameter(
                    "events",
                    "unknown event type '" + (unknown.type().matches("[a-z_.]{1,60}") ? unknown.type() : "(malformed)")
                            + "'");
        } else {
            throw ApiError.TOO_MANY_WEBHOOK_ENDPOINTS.problem(WebhookEndpoints.MAX_ENDPOINTS);
        }
    }
}
