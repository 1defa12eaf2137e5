package co.plugkit.internal.web;

import co.plugkit.internal.engine.Workspaces;
import co.plugkit.model.NewWorkspace;
import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * {@code POST /admin/v1/workspaces}: provisions a tenant and returns its first key. Guarded by the admin
 * token ({@link AdminServlet}).
 */
final class AdminWorkspacesServlet extends AdminServlet {
    private final transient Workspaces workspaces;

    AdminWorkspacesServlet(ObjectMapper json, Workspaces workspaces, Secret adminToken) {
        super(json, adminToken, "POST");
        this.workspaces = workspaces;
    }

    @Override
    protected void handleAdmin(ApiCall call) throws IOException {
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
