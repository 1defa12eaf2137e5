package co.plugkit.internal.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of PlugKit's servlets that are not JSON routes (pages, the callback, the sandbox, the demo's
 * assets). It answers only the methods the servlet names — everything else, TRACE and PATCH included,
 * gets 405 with {@code Allow} whatever the container's defaults (the Servlet API's own {@code doTrace}
 * echoes the request's {@code Authorization} and {@code Cookie} headers) — and it is an error boundary:
 * an unexpected exception is logged by kind and answered with a plain page, never left to the container,
 * whose error page can show the exception's message (SQL and its values, for a database error).
 */
public abstract class GuardedServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedServlet.class);

    private final transient Set<String> allowed;
    private final String allowHeader;

    /**
     * @param methods the methods this servlet handles; HEAD is added when GET is there (the Servlet API
     *     answers it from {@code doGet} unless {@code doHead} is overridden), and OPTIONS always
     */
    protected GuardedServlet(String... methods) {
        Set<String> set = new LinkedHashSet<>(List.of(methods));
        if (set.contains("GET")) {
            set.add("HEAD");
        }
        set.add("OPTIONS");
        this.allowed = Set.copyOf(set);
        this.allowHeader = String.join(", ", set);
    }

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!allowed.contains(method)) {
            response.setHeader("Allow", allowHeader);
            plain(response, 405, "Method " + method + " is not allowed here.");
            return;
        }
        if (method.equals("OPTIONS")) {
            response.setHeader("Allow", allowHeader);
            response.setStatus(204);
            return;
        }
        try {
            super.service(request, response);
        } catch (RuntimeException e) {
            // Logged with its class and stack; messages of PlugKit's own exceptions never hold a secret,
            // and the store's carry no SQL or values (see the store's StatementFailure).
            LOG.error("{} {} failed", method, request.getRequestURI(), e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                unexpected(request, response);
            }
        }
    }

    /**
     * Answers a request that failed unexpectedly; the default is a plain 500 page. Subclasses may answer
     * in their own format, but never with the exception's text.
     */
    protected void unexpected(HttpServletRequest request, HttpServletResponse response) throws IOException {
        plain(response, 500, "Something went wrong on our side. Please try again later.");
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(text + "\n");
    }
}
