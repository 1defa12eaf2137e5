package co.plugkit.internal.web;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/api-keys}: create (the plaintext is shown once), list, revoke. */
final class ApiKeysServlet extends AuthenticatedServlet {
    private final transient ApiKeys apiKeys;

    ApiKeysServlet(ObjectMapper json, ApiKeys apiKeys) {
        super(json, apiKeys, "GET", "POST", "DELETE");
        this.apiKeys = apiKeys;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        Optional<String> id = call.pathId();
        switch (call.method()) {
            case "POST" -> {
                if (id.isPresent()) {
                    throw ApiProblem.methodNotAllowed("POST", "DELETE");
                }
                String name = ApiCall.textField(call.jsonBody(), "name", 200);
                call.respond(201, Views.newApiKey(apiKeys.create(workspace, name)));
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
                if (!apiKeys.revoke(workspace, keyId)) {
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

    private static ApiProblem notFound() {
        return ApiError.API_KEY_NOT_FOUND.problem();
    }
}
