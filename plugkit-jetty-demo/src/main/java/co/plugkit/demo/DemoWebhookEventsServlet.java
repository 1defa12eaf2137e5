package co.plugkit.demo;

import co.plugkit.internal.web.GuardedServlet;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /demo/webhooks/events}: what the receiver got, newest first, each with its signature check —
 * {@code {"data":[{receivedAt, webhookId, type, accountId, verified, check, body}]}}. The endpoint secret
 * is not in it.
 */
final class DemoWebhookEventsServlet extends GuardedServlet {
    private final transient ReceivedWebhooks webhooks;
    private final transient ObjectMapper json;

    DemoWebhookEventsServlet(ReceivedWebhooks webhooks, ObjectMapper json) {
        super("GET");
        this.webhooks = webhooks;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        json.writeValue(response.getOutputStream(), Map.of("data", webhooks.newestFirst()));
    }
}
