package co.plugkit.internal.web;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.events.AuditLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** {@code GET /v1/audit-events}: the caller's workspace's audit trail, newest first, in cursor pages. */
final class AuditEventsServlet extends AuthenticatedServlet {
    /** The list name in its cursors, so a cursor of another list is refused here. */
    static final String LIST = "audit-events";

    private final transient AuditLog auditLog;

    AuditEventsServlet(ObjectMapper json, ApiKeys apiKeys, AuditLog auditLog) {
        super(json, apiKeys, "GET");
        this.auditLog = auditLog;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        if (!call.method().equals("GET")) {
            throw ApiProblem.methodNotAllowed(call.method(), "GET");
        }
        call.respond(
                200,
                Views.page(
                        auditLog.list(workspace, Paging.limit(call), Paging.cursor(call, LIST)),
                        AuditViews::entry,
                        LIST));
    }
}
