package co.plugkit.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One of the sandbox's server-to-server endpoints: reads the call, asks the engine, writes its JSON answer
 * (after the engine's delay, for the slow-response fault).
 */
final class SandboxJsonServlet extends HttpServlet {
    private final transient ObjectMapper json;
    private final transient Function<SandboxCall, SandboxAnswer> endpoint;

    SandboxJsonServlet(ObjectMapper json, Function<SandboxCall, SandboxAnswer> endpoint) {
        this.json = json;
        this.endpoint = endpoint;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(json, endpoint.apply(call(request)), response);
    }

    /** The request as the engine sees it. */
    static SandboxCall call(HttpServletRequest request) {
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
        Optional<String> bearer = Optional.ofNullable(request.getHeader("Authorization"))
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip());
        return new SandboxCall(request.getMethod(), Optional.ofNullable(request.getContentType()), params, bearer);
    }

    /** Waits the answer's delay, then writes it as JSON. */
    static void write(ObjectMapper json, SandboxAnswer answer, HttpServletResponse response) throws IOException {
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                return;
            }
        }
        response.setStatus(answer.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        answer.headers().forEach(response::setHeader);
        json.writeValue(response.getOutputStream(), answer.body());
    }
}
