package co.plugkit.internal.web;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.Workspaces;
import co.plugkit.model.NewWorkspace;
import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * {@code POST /admin/v1/workspaces}: provisions a tenant and returns its first key; {@code POST
 * /admin/v1/workspaces/{id}/api-keys}: a new key of a workspace ({@code ws_default} included, created if
 * absent) — how a WAR deployment gets its first key with curl. Guarded by the admin token
 * ({@link AdminServlet}).
 */
final class AdminWorkspacesServlet extends AdminServlet {
    private final transient Workspaces workspaces;

    AdminWorkspacesServlet(ObjectMapper json, Workspaces workspaces, Secret adminToken) {
        super(json, adminToken, "POST");
        this.workspaces = workspaces;
    }

    @Override
    protected void handleAdmin(ApiCall call) throws IOException {
        java.util.List<String> path = call.pathSegments();
        if (path.size() == 2 && path.get(1).equals("api-keys")) {
            createKey(call, path.get(0));
            return;
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

    private void createKey(ApiCall call, String id) throws IOException {
        if (!call.method().equals("POST")) {
            throw ApiProblem.methodNotAllowed(call.method(), "POST");
        }
        String name = ApiCall.textField(call.jsonBody(), "name", 200);
        call.respond(
                201,
                Views.newApiKey(WorkspaceId.parse(id)
                        .flatMap(workspace -> workspaces.createKey(workspace, name))
                        .orElseThrow(() -> ApiError.WORKSPACE_NOT_FOUND.problem(Safe.id(id)))));
    }
}
