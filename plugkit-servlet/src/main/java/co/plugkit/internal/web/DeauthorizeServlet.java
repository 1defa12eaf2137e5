package co.plugkit.internal.web;

import co.plugkit.internal.engine.MetaCallbacks;
import co.plugkit.internal.engine.MetaCallbacks.Outcome;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/** {@code POST /v1/connect/instagram/deauthorize}: Meta says a user removed the app. */
final class DeauthorizeServlet extends ApiServlet {
    private final transient MetaCallbacks callbacks;

    DeauthorizeServlet(ObjectMapper json, MetaCallbacks callbacks) {
        super(json, "POST");
        this.callbacks = callbacks;
    }

    @Override
    protected void handle(ApiCall call) throws IOException {
        Outcome outcome = callbacks.deauthorize(SignedRequestForm.read(call));
        if (outcome instanceof Outcome.Refused refused) {
            throw SignedRequestForm.refused(refused.reason());
        }
        call.respond(200, Map.of("success", true));
    }
}
