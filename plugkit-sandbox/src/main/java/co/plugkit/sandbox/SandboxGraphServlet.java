package co.plugkit.sandbox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sandbox's versioned Graph paths: {@code /{version}/me}, {@code /{version}/me/subscribed_apps},
 * {@code /{version}/me/permissions}, and the media, comment, message and insight paths the Graph API
 * proxy's docs and the demo use; anything else gets Graph's "Unsupported request" error.
 */
final class SandboxGraphServlet extends HttpServlet {
    private static final Pattern ME = Pattern.compile("/v\\d+\\.\\d+/me");
    private static final Pattern PERMISSIONS = Pattern.compile("/v\\d+\\.\\d+/me/permissions");
    private static final Pattern SUBSCRIBED_APPS = Pattern.compile("/v\\d+\\.\\d+/me/subscribed_apps");
    private static final Pattern GRAPH = Pattern.compile("/v\\d+\\.\\d+(/[A-Za-z0-9_]{1,64}){1,3}");
    private static final int MAX_JSON_BODY = 64 * 1024;

    private final transient ObjectMapper json;
    private final transient InstagramSandbox sandbox;

    SandboxGraphServlet(ObjectMapper json, InstagramSandbox sandbox) {
        this.json = json;
        this.sandbox = sandbox;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        SandboxCall call = SandboxJsonServlet.call(request);
        SandboxAnswer answer;
        if (ME.matcher(path).matches()) {
            answer = sandbox.me(call);
        } else if (SUBSCRIBED_APPS.matcher(path).matches()) {
            answer = sandbox.subscribeApp(call);
        } else if (PERMISSIONS.matcher(path).matches()) {
            answer = sandbox.revokePermissions(call);
        } else if (GRAPH.matcher(path).matches()) {
            List<String> segments = List.of(path.substring(1).split("/"));
            answer = sandbox.graph(withJsonBody(request, call), segments.subList(1, segments.size()));
        } else {
            answer = sandbox.unsupported(request.getMethod());
        }
        SandboxJsonServlet.write(json, answer, response);
    }

    /**
     * A JSON body's top-level fields as parameters, as Graph reads them: text as it is, an object (such as
     * a message's {@code recipient}) as its JSON text, which is what a form field carries.
     */
    private SandboxCall withJsonBody(HttpServletRequest request, SandboxCall call) throws IOException {
        if (call.contentType().filter(t -> t.startsWith("application/json")).isEmpty()) {
            return call;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_JSON_BODY);
        Map<String, String> params = new HashMap<>(call.params());
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                node.fields()
                        .forEachRemaining(f -> params.put(
                                f.getKey(),
                                f.getValue().isTextual()
                                        ? f.getValue().asText()
                                        : f.getValue().toString()));
            }
        } catch (JacksonException e) {
            // Graph ignores a body it cannot read; the missing parameters are then reported as such.
        }
        return new SandboxCall(call.method(), call.contentType(), params, call.bearerToken());
    }
}
