package co.plugkit.internal.web;

import co.plugkit.store.PlugKitStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** {@code GET /v1/health}: no key needed; 200 when the database answers, 503 when it does not. */
final class HealthServlet extends ApiServlet {
    private final transient PlugKitStore store;

    HealthServlet(ObjectMapper json, PlugKitStore store) {
        super(json, "GET", "HEAD");
        this.store = store;
    }

    @Override
    protected void handle(ApiCall call) throws IOException {
        boolean head = call.method().equals("HEAD"); // load balancers often probe with HEAD
        if (!head && !call.method().equals("GET")) {
            throw ApiProblem.methodNotAllowed(call.method(), "GET", "HEAD");
        }
        boolean up = store.isReachable();
        if (head) {
            call.response().setStatus(up ? 200 : 503);
            return;
        }
        call.respond(up ? 200 : 503, new Views.HealthView(up ? "ok" : "degraded", up ? "up" : "down"));
    }
}
