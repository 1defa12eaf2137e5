package co.plugkit.demo;

import co.plugkit.internal.web.BearerToken;
import co.plugkit.secret.Secret;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /admin/metrics}: PlugKit's and the pool's meters as Prometheus text, for a scraper that sends
 * the admin token ({@code Authorization: Bearer …}, compared in constant time), as PlugKit's own admin
 * routes want it. Like them, it exists only when an admin token is configured. The meters hold no id and
 * no secret (docs/metrics.md); the token keeps the traffic figures to the operator.
 */
final class DemoMetricsServlet extends co.plugkit.internal.web.GuardedServlet {
    static final String PATH = "/admin/metrics";

    /** Prometheus' text exposition format, version 0.0.4: what {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient PrometheusMeterRegistry registry;
    private final transient Secret adminToken;

    private DemoMetricsServlet(PrometheusMeterRegistry registry, Secret adminToken) {
        super("GET");
        this.registry = registry;
        this.adminToken = adminToken;
    }

    /** Mounts the route at {@link #PATH} if there is an admin token; without one, nothing is mounted. */
    static void register(ServletContext context, Optional<Secret> adminToken, PrometheusMeterRegistry registry) {
        adminToken.ifPresent(token -> context.addServlet("demo:metrics", new DemoMetricsServlet(registry, token))
                .addMapping(PATH));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        Optional<String> presented = BearerToken.from(request);
        if (presented.isEmpty() || !adminToken.matches(presented.get())) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"plugkit-admin\"");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write("{\"error\":{\"code\":\"unauthorized\",\"message\":\"Send the admin token as"
                            + " 'Authorization: Bearer …'\"}}");
            return;
        }
        response.setContentType(CONTENT_TYPE);
        response.getOutputStream().write(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
