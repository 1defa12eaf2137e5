package co.plugkit.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The sandbox's versioned Graph paths: {@code /{version}/me}, {@code /{version}/me/subscribed_apps} and
 * {@code /{version}/me/permissions};
 * anything else gets Graph's "Unsupported request" error.
 */
final class SandboxGraphServlet extends HttpServlet {
    private static final Pattern ME = Pattern.compile("/v\\d+\\.\\d+/me");
    private static final Pattern PERMISSIONS = Pattern.compile("/v\\d+\\.\\d+/me/permissions");
    private static final Pattern SUBSCRIBED_APPS = Pattern.compile("/v\\d+\\.\\d+/me/subscribed_apps");

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
        } else {
            answer = sandbox.unsupported(request.getMethod());
        }
        SandboxJsonServlet.write(json, answer, response);
    }
}
