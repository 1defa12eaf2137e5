package co.plugkit.internal.web;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.ConnectSessions;
import co.plugkit.internal.engine.ConnectStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** {@code GET /v1/connect/sessions/{sessionId}}: where a connect stands. */
final class ConnectSessionsServlet extends AuthenticatedServlet {
    private final transient ConnectSessions sessions;

    ConnectSessionsServlet(ObjectMapper json, ApiKeys apiKeys, ConnectSessions sessions) {
        super(json, apiKeys, "GET");
        this.sessions = sessions;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        if (!call.method().equals("GET")) {
            throw ApiProblem.methodNotAllowed(call.method(), "GET");
        }
        String id = call.pathId().orElseThrow(() -> ApiError.NOT_FOUND.problem());
        ConnectStatus status = sessions.status(workspace, id)
                .orElseThrow(() -> ApiError.CONNECT_SESSION_NOT_FOUND.problem(Safe.id(id)));
        call.respond(200, ConnectStatusView.of(id, status));
    }
}
