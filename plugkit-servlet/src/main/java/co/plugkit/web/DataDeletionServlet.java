package co.plugkit.web;

import co.plugkit.engine.MetaCallbacks;
import co.plugkit.engine.MetaCallbacks.Outcome;
import co.plugkit.store.DataDeletionStore.DataDeletion;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/connect/instagram/data-deletion}: Meta asks for a user's data to be deleted and gets
 * {@code {"url","confirmation_code"}}; {@code GET …/data-deletion/{code}} is the status page behind that
 * URL (HTML for people, JSON for {@code Accept: application/json}).
 */
final class DataDeletionServlet extends ApiServlet {
    private final transient MetaCallbacks callbacks;

    DataDeletionServlet(ObjectMapper json, MetaCallbacks callbacks) {
        super(json, "GET", "POST");
        this.callbacks = callbacks;
    }

    @Override
    protected void handle(ApiCall call) throws IOException {
        var code = call.pathId();
        if (code.isEmpty()) {
            Outcome outcome = callbacks.deleteData(SignedRequestForm.read(call));
            if (outcome instanceof Outcome.Refused refused) {
                throw SignedRequestForm.refused(refused.reason());
            }
            Outcome.Deleted deleted = (Outcome.Deleted) outcome;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", deleted.statusUrl().toString());
            body.put("confirmation_code", deleted.confirmationCode());
            call.respond(200, body);
            return;
        }
        if (!call.method().equals("GET")) {
            throw ApiProblem.methodNotAllowed(call.method(), "GET");
        }
        DataDeletion deletion = callbacks
                .deletionStatus(code.get())
                .orElseThrow(() -> ApiProblem.notFound(
                        "deletion_not_found", "No data deletion request with this confirmation code"));
        String accept = call.request().getHeader("Accept");
        if (accept != null && accept.contains("application/json")) {
            call.respond(
                    200,
                    Map.of(
                            "confirmationCode",
                            deletion.confirmationCode(),
                            "status",
                            "completed",
                            "requestedAt",
                            deletion.requestedAt().toString(),
                            "accountsDeleted",
                            deletion.accountsDeleted()));
            return;
        }
        var response = call.response();
        response.setStatus(200);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        response.getWriter()
                .write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<title>Data deletion request</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;"
                        + "margin:4rem auto;padding:0 1rem}</style></head><body><h1>Data deletion request</h1>"
                        + "<p>Confirmation code <code>" + Html.escape(deletion.confirmationCode())
                        + "</code>: completed on "
                        + Html.escape(deletion.requestedAt().toString()) + ". Every connected Instagram account of this"
                        + " user and its access token were deleted.</p></body></html>\n");
    }
}
