package co.plugkit.internal.web;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/api-keys}: create (the plaintext is shown once), list, roll, revoke. */
final class ApiKeysServlet extends AuthenticatedServlet {
    private final transient ApiKeys apiKeys;

    ApiKeysServlet(ObjectMapper json, ApiKeys apiKeys) {
        super(json, apiKeys, "GET", "POST", "DELETE");
        this.apiKeys = apiKeys;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        List<String> path = call.pathSegments();
        if (path.size() == 2 && path.get(1).equals("roll")) {
            if (!call.method().equals("POST")) {
                throw ApiProblem.methodNotAllowed(call.method(), "POST");
            }
            roll(call, workspace, path.get(0));
            return;
        }
        Optional<String> id = call.pathId();
        switch (call.method()) {
            case "POST" -> {
                if (id.isPresent()) {
                    throw ApiProblem.methodNotAllowed("POST", "DELETE");
                }
                JsonNode body = call.jsonBody();
                String name = ApiCall.textField(body, "name", 200);
                Optional<Instant> expiresAt = expiresAt(body);
                call.respond(
                        201,
                        Views.newApiKey(apiKeys.create(workspace, name, expiresAt, call.actor())
                                .orElseThrow(() -> ApiProblem.badParameter("expiresAt", "must be in the future"))));
            }
            case "GET" -> {
                if (id.isPresent()) {
                    throw ApiProblem.methodNotAllowed("GET", "DELETE");
                }
                call.respond(
                        200,
                        Map.of(
                                "data",
                                apiKeys.list(workspace).stream()
                                        .map(Views::apiKey)
                                        .toList()));
            }
            case "DELETE" -> {
                if (id.isEmpty()) {
                    throw ApiProblem.methodNotAllowed("DELETE", "GET", "POST");
                }
                ApiKeyId keyId = ApiKeyId.parse(id.get()).orElseThrow(ApiKeysServlet::notFound);
                if (!apiKeys.revoke(workspace, keyId, call.actor())) {
                    throw notFound();
                }
                call.noContent();
            }
            default ->
                throw id.isPresent()
                        ? ApiProblem.methodNotAllowed(call.method(), "DELETE")
                        : ApiProblem.methodNotAllowed(call.method(), "GET", "POST");
        }
    }

    /** {@code POST /v1/api-keys/{id}/roll {"gracePeriodSeconds"?}}: 201 and the new key, shown once. */
    private void roll(ApiCall call, WorkspaceId workspace, String id) throws IOException {
        JsonNode body = hasBody(call) ? call.jsonBody() : null;
        Duration grace = ApiKeys.DEFAULT_GRACE;
        JsonNode seconds = body == null ? null : body.get("gracePeriodSeconds");
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.canConvertToLong()
                    || !seconds.isIntegralNumber()
                    || seconds.asLong() < 0
                    || seconds.asLong() > ApiKeys.MAX_GRACE.toSeconds()) {
                throw ApiProblem.badParameter(
                        "gracePeriodSeconds", "must be a whole number from 0 to " + ApiKeys.MAX_GRACE.toSeconds());
            }
            grace = Duration.ofSeconds(seconds.asLong());
        }
        ApiKeyId keyId = ApiKeyId.parse(id).orElseThrow(ApiKeysServlet::notFound);
        call.respond(
                201,
                Views.newApiKey(
                        apiKeys.roll(workspace, keyId, grace, call.actor()).orElseThrow(ApiKeysServlet::notFound)));
    }

    /** A roll may come without a body (or with an empty one): then the defaults apply. */
    private static boolean hasBody(ApiCall call) {
        return call.request().getContentLengthLong() > 0 || call.request().getHeader("Transfer-Encoding") != null;
    }

    private static Optional<Instant> expiresAt(JsonNode body) {
        JsonNode node = body.get("expiresAt");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiProblem.badParameter("expiresAt", "must be an ISO-8601 timestamp such as 2027-01-31T00:00:00Z");
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText().strip()).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter("expiresAt", "must be an ISO-8601 timestamp such as 2027-01-31T00:00:00Z");
        }
    }

    private static ApiProblem notFound() {
        return ApiError.API_KEY_NOT_FOUND.problem();
    }
}
