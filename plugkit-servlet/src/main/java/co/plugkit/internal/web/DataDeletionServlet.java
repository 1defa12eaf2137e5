package co.plugkit.internal.web;

import co.plugkit.internal.engine.MetaCallbacks;
import co.plugkit.internal.engine.MetaCallbacks.Outcome;
import co.plugkit.store.DataDeletionStore.DataDeletion;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

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
            call.respond(
                    200, new Views.DeletionRequestedView(deleted.statusUrl().toString(), deleted.confirmationCode()));
            return;
        }
        if (!call.method().equals("GET")) {
            throw ApiProblem.methodNotAllowed(call.method(), "GET");
        }
        DataDeletion deletion =
                callbacks.deletionStatus(code.get()).orElseThrow(() -> ApiError.DELETION_NOT_FOUND.problem());
        String accept = call.request().getHeader("Accept");
        if (accept != null && accept.contains("application/json")) {
            call.respond(
                    200,
                    new Views.DeletionStatusView(
                            deletion.confirmationCode(),
                            "completed",
                            deletion.requestedAt().toString(),
                            deletion.accountsDeleted()));
            return;
        }
        DeletionStatusPage.render(deletion, call.response());
    }
}
