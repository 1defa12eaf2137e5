package co.plugkit.demo;

import co.plugkit.internal.web.GuardedServlet;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /demo/webhooks/secret} {@code {"secret":"whsec_…"}}: the home page hands over the secret
 * PlugKit gave it for the endpoint it just registered, so the receiver can check signatures. The page holds
 * the API key, so it registers the endpoint itself, as it starts connects; the demo's server never sees
 * the key. Only a JSON body is taken (a cross-site form cannot send one without the browser asking first)
 * and only from this origin; the secret is kept in memory and never shown.
 */
final class DemoWebhookSecretServlet extends GuardedServlet {
    private final transient ReceivedWebhooks webhooks;
    private final transient ObjectMapper json;

    DemoWebhookSecretServlet(ReceivedWebhooks webhooks, ObjectMapper json) {
        super("POST");
        this.webhooks = webhooks;
        this.json = json;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        String type = request.getContentType();
        if ((site != null && !site.equals("same-origin"))
                || type == null
                || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            response.setStatus(403);
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(request.getInputStream().readNBytes(4096));
        } catch (JacksonException e) {
            body = null;
        }
        boolean trusted = body != null && webhooks.trust(body.path("secret").asText(null));
        response.setStatus(trusted ? 204 : 400);
    }
}
