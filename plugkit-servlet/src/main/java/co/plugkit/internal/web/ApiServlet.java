package co.plugkit.internal.web;

import co.plugkit.internal.crypto.Hashing;
import co.plugkit.store.StoreUnavailableException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every JSON route: gives each request an id, and turns every way a request can fail into
 * the one error envelope — a client error into its 4xx, an unreachable database into 503, and a bug into
 * a 500 that is logged here and shows no stack trace to the caller.
 */
abstract class ApiServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    /** How much of a refused (413) body is read and dropped so that the client can read the answer. */
    private static final long DISCARD_LIMIT = 1024 * 1024;

    protected final transient ObjectMapper json;
    private final transient java.util.List<String> methods;

    /**
     * @param methods every method some path of this route accepts; any other is answered 405 with
     *     {@code Allow} before anything else is looked at (the key included), in every container
     */
    ApiServlet(ObjectMapper json, String... methods) {
        this.json = json;
        this.methods = java.util.List.of(methods);
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
            if (!methods.contains(request.getMethod())) {
                throw ApiProblem.methodNotAllowed(request.getMethod(), methods.toArray(String[]::new));
            }
            handle(call);
        } catch (ApiProblem problem) {
            if (!problem.allowedMethods().isEmpty()) {
                response.setHeader("Allow", String.join(", ", problem.allowedMethods()));
            }
            if (problem.error() == ApiError.BODY_TOO_LARGE) {
                discardUnreadBody(request, response);
            }
            call.error(problem.error(), problem.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.warn(
                    "Request {} {}: the database is unavailable ({})",
                    requestId,
                    request.getMethod(),
                    e.getCause() == null ? "no cause" : e.getCause().getMessage());
            call.error(ApiError.DATABASE_UNAVAILABLE, ApiError.DATABASE_UNAVAILABLE.messageTemplate());
        } catch (RuntimeException e) {
            LOG.error("Request {} {} {} failed", requestId, request.getMethod(), request.getRequestURI(), e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                call.error(ApiError.INTERNAL_ERROR, ApiError.INTERNAL_ERROR.messageTemplate());
            }
        }
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DISCARD_LIMIT}. Answering while the
     * client is still sending makes the container close the connection with unread bytes, which the
     * client's TCP stack sees as a reset that swallows the 413: the client then sees a broken connection
     * instead of the error. Past the limit the connection is closed on purpose.
     */
    private static void discardUnreadBody(HttpServletRequest request, HttpServletResponse response) {
        try {
            InputStream in = request.getInputStream();
            long left = DISCARD_LIMIT;
            byte[] buffer = new byte[8192];
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= n;
            }
            if (left == 0 && in.read() != -1) {
                response.setHeader("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            // the body was already read through another API or the stream is closed: nothing is left to drop
            response.setHeader("Connection", "close");
        }
    }
}
