package co.plugkit.web;

import co.plugkit.crypto.Hashing;
import co.plugkit.store.StoreUnavailableException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every JSON route: gives each request an id, and turns every way a request can fail into
 * the one error envelope — a client error into its 4xx, an unreachable database into 503, and a bug into
 * a 500 that is logged here and shows no stack trace to the caller.
 */
abstract class ApiServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    protected final transient ObjectMapper json;

    ApiServlet(ObjectMapper json) {
        this.json = json;
    }

    /** Handles one request; throw {@link ApiProblem} for a client error. */
    protected abstract void handle(ApiCall call) throws IOException;

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = "req_" + Hashing.randomUrlToken(9);
        response.setHeader("X-Request-Id", requestId);
        response.setHeader("Cache-Control", "no-store");
        ApiCall call = new ApiCall(request, response, json, requestId);
        try {
            handle(call);
        } catch (ApiProblem problem) {
            if (!problem.allowedMethods().isEmpty()) {
                response.setHeader("Allow", String.join(", ", problem.allowedMethods()));
            }
            call.error(problem.status(), problem.code(), problem.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warn(
                    "Request {} {}: the database is unavailable ({})",
                    requestId,
                    request.getMethod(),
                    e.getCause() == null ? "no cause" : e.getCause().getClass().getSimpleName());
            call.error(503, "database_unavailable", "The database is unavailable; try again shortly");
        } catch (RuntimeException e) {
            LOG.error("Request {} {} {} failed", requestId, request.getMethod(), request.getRequestURI(), e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                call.error(500, "internal_error", "Something went wrong on our side; the request id helps us find it");
            }
        }
    }
}
