package co.plugkit.internal.web;

import co.plugkit.internal.engine.Workspaces;
import co.plugkit.model.NewWorkspace;
import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /admin/v1/workspaces}: provisions a tenant and returns its first key. Mounted only when an
 * admin token is configured, and guarded by it (compared in constant time).
 */
final class AdminWorkspacesServlet extends ApiServlet {
    private final transient Workspaces workspaces;
    private final transient Secret adminToken;

    AdminWorkspacesServlet(ObjectMapper json, Workspaces workspaces, Secret adminToken) {
        super(json, "POST");
        this.workspaces = workspaces;
        this.adminToken = adminToken;
    }

    @Override
    protected void handle(ApiCall call) throws IOException {
        Optional<String> presented = BearerToken.from(call.request());
        if (presented.isEmpty() || !adminToken.matches(presented.get())) {
            call.response().setHeader("WWW-Authenticate", "Bearer realm=\"plugkit-admin\"");
            throw ApiError.ADMIN_UNAUTHORIZED.problem();
        }
        if (!call.method().equals("POST") || call.pathId().isPresent()) {
            throw ApiProblem.methodNotAllowed(call.method(), "POST");
        }
        String name = ApiCall.textField(call.jsonBody(), "name", 200);
        NewWorkspace created = workspaces.create(name);
        call.respond(
                201,
                new Views.NewWorkspaceView(
                        Views.workspace(created.workspace()),
                        created.apiKey().secret().reveal()));
    }
}
