package co.plugkit.internal.web;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.model.ApiKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * A route that needs {@code Authorization: Bearer sk_…}. The key decides the workspace; everything the
 * route does is confined to it. Missing, malformed and revoked keys all get 401 with
 * {@code WWW-Authenticate: Bearer}.
 */
abstract class AuthenticatedServlet extends ApiServlet {
    private final transient ApiKeys apiKeys;

    AuthenticatedServlet(ObjectMapper json, ApiKeys apiKeys, String... methods) {
        super(json, methods);
        this.apiKeys = apiKeys;
    }

    protected abstract void handle(ApiCall call, WorkspaceId workspace) throws IOException;

    @Override
    protected final void handle(ApiCall call) throws IOException {
        Optional<String> presented = BearerToken.from(call.request());
        if (presented.isEmpty()) {
            call.response().setHeader("WWW-Authenticate", "Bearer realm=\"plugkit\"");
            throw ApiError.UNAUTHORIZED.problem();
        }
        Optional<ApiKey> key = apiKeys.authenticate(presented.get());
        if (key.isEmpty()) {
            call.response().setHeader("WWW-Authenticate", "Bearer realm=\"plugkit\", error=\"invalid_token\"");
            throw ApiError.INVALID_API_KEY.problem();
        }
        handle(call, key.get().workspaceId());
    }
}
