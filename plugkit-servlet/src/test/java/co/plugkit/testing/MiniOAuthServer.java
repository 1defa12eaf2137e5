package co.plugkit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A minimal, plain OAuth 2.0 provider on loopback — nothing like Instagram: {@code /authorize} approves at
 * once and redirects with {@code code} and {@code state}; {@code /token} takes a form with
 * {@code grant_type=authorization_code} or {@code refresh_token} and answers standard JSON with
 * {@code token_type}; {@code /userinfo} takes a bearer token. It exists to prove that a platform can be
 * added to PlugKit without touching the engine ({@link MiniOAuthProvider}).
 */
public final class MiniOAuthServer implements AutoCloseable {
    public static final String CLIENT_ID = "mini-client";
    public static final String CLIENT_SECRET = "mini-secret";

    private final ObjectMapper json = new ObjectMapper();
    private final Server server;
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private volatile String nextUser = "mini-user-1";

    public MiniOAuthServer() {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Router()), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the mini OAuth server did not start", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    /** The user the next authorization approves. */
    public void approveAs(String userId) {
        this.nextUser = userId;
    }

    /** How many calls {@code /token} answered. */
    public int tokenCalls() {
        return tokenCalls.get();
    }

    /** Whether a token is one this server issued and has not replaced. */
    public boolean isValid(String token) {
        return tokens.containsKey(token);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Router extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            switch (req.getRequestURI()) {
                case "/authorize" -> authorize(req, resp);
                case "/token" -> token(req, resp);
                case "/userinfo" -> userinfo(req, resp);
                default -> resp.sendError(404);
            }
        }
    }

    private void authorize(HttpServletRequest req, HttpServletResponse resp) {
        String code = "code-" + UUID.randomUUID();
        codes.put(code, nextUser);
        resp.setStatus(302);
        resp.setHeader(
                "Location",
                req.getParameter("redirect_uri") + "?code=" + code + "&state="
                        + URLEncoder.encode(req.getParameter("state"), StandardCharsets.UTF_8));
    }

    private void token(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        tokenCalls.incrementAndGet();
        if (!"POST".equals(req.getMethod())
                || !CLIENT_ID.equals(req.getParameter("client_id"))
                || !CLIENT_SECRET.equals(req.getParameter("client_secret"))) {
            write(resp, 401, Map.of("error", "invalid_client"));
            return;
        }
        String user = switch (String.valueOf(req.getParameter("grant_type"))) {
            case "authorization_code" -> codes.remove(String.valueOf(req.getParameter("code")));
            case "refresh_token" -> tokens.remove(String.valueOf(req.getParameter("refresh_token")));
            default -> null;
        };
        if (user == null) {
            write(resp, 400, Map.of("error", "invalid_grant"));
            return;
        }
        String token = "mini-" + UUID.randomUUID();
        tokens.put(token, user);
        write(resp, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 3600));
    }

    private void userinfo(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String header = String.valueOf(req.getHeader("Authorization"));
        String user = header.startsWith("Bearer ") ? tokens.get(header.substring(7)) : null;
        if (user == null) {
            write(resp, 401, Map.of("error", "invalid_token"));
            return;
        }
        write(resp, 200, Map.of("sub", user, "preferred_username", user.replace("mini-", ""), "name", "Mini " + user));
    }

    private void write(HttpServletResponse resp, int status, Map<String, Object> body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.getWriter().write(json.writeValueAsString(body));
    }
}
