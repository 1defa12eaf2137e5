package co.plugkit.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An Instagram stand-in built for load, with a fixed latency on every answer: it remembers nothing, so any
 * number of distinct accounts can connect and refresh. A code {@code c<n>} is user {@code n}; every token
 * it issues carries {@code n}, so {@code /me} answers for the right user. It answers in the shapes
 * Instagram uses (flat code exchange with a numeric-looking {@code user_id}, {@code expires_in} in
 * seconds). Its threads are named {@code standin-…}, so its CPU is not counted as PlugKit's. The test
 * harness's {@code FakeInstagram} checks the protocol strictly but keeps every code and token in memory,
 * which a 100k-account run would measure instead of PlugKit.
 */
final class StandIn implements AutoCloseable {
    static final String CLIENT_ID = "990602627938098";
    static final String CLIENT_SECRET = "bench-instagram-app-secret";

    private final Server server;
    private final long latencyMillis;
    final AtomicInteger codeExchanges = new AtomicInteger();
    final AtomicInteger refreshes = new AtomicInteger();
    final AtomicInteger profiles = new AtomicInteger();
    final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicLong serial = new AtomicLong();

    StandIn(long latencyMillis) {
        this.latencyMillis = latencyMillis;
        QueuedThreadPool pool = new QueuedThreadPool(400, 8);
        pool.setName("standin");
        server = new Server(pool);
        Servers.loopback(server, 0);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Router()), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the stand-in did not start", e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    /** The long-lived token the stand-in would have issued to user {@code n}. */
    static String longToken(long n) {
        return "IGL" + n + "x" + "0123456789abcdef0123456789abcdef";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Router extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (latencyMillis > 0) {
                try {
                    Thread.sleep(latencyMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String path = req.getRequestURI();
            String body;
            if (path.equals("/oauth/access_token") && req.getMethod().equals("POST")) {
                codeExchanges.incrementAndGet();
                long n = Long.parseLong(req.getParameter("code").substring(1));
                body = "{\"access_token\":\"IGS" + n + "x" + serial.incrementAndGet() + "\",\"user_id\":"
                        + appScopedId(n) + ",\"permissions\":\"instagram_business_basic\"}";
            } else if (path.equals("/access_token") || path.equals("/refresh_access_token")) {
                if (path.startsWith("/refresh")) {
                    refreshes.incrementAndGet();
                }
                long n = user(req.getParameter("access_token"));
                body = "{\"access_token\":\"IGL" + n + "x" + serial.incrementAndGet()
                        + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}";
            } else if (path.endsWith("/me/subscribed_apps") && req.getMethod().equals("POST")) {
                // Every connect subscribes its account to the app's webhooks, off the request thread; without
                // this answer each would fail, log a warning and be retried, which is not what a callback costs.
                subscriptions.incrementAndGet();
                body = "{\"success\":true}";
            } else if (path.endsWith("/me") && req.getMethod().equals("GET")) {
                profiles.incrementAndGet();
                long n = user(req.getHeader("Authorization").substring("Bearer ".length()));
                body = "{\"user_id\":\"" + (17841400000000000L + n) + "\",\"id\":\"" + appScopedId(n)
                        + "\",\"username\":\"user" + n + "\",\"name\":\"User " + n
                        + "\",\"account_type\":\"BUSINESS\",\"profile_picture_url\":\"https://cdn.example/p/" + n
                        + ".jpg\"}";
            } else {
                resp.sendError(404);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            resp.setContentType("application/json");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }

        private static long appScopedId(long n) {
            return 27281358500000000L + n;
        }

        private static long user(String token) {
            return Long.parseLong(token.substring(3, token.indexOf('x')));
        }
    }
}
