package co.plugkit.demo;

import co.plugkit.internal.web.GuardedServlet;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /demo/session}: what the home page needs to know — where PlugKit's API is, the origin its
 * callback pages post from, whether the demo runs in sandbox mode, the URL of the demo's webhook receiver,
 * and (see {@link FirstKeyOffer}) the first-start API key for a browser on this machine.
 */
final class DemoSessionServlet extends GuardedServlet {
    /** The answer; {@code apiKey} is null unless offered. */
    record Session(String apiBase, String publicOrigin, boolean sandbox, String webhookReceiverUrl, String apiKey) {}

    private final transient ObjectMapper json;
    private final transient FirstKeyOffer offer;
    private final String apiBase;
    private final String publicOrigin;
    private final boolean sandbox;

    DemoSessionServlet(ObjectMapper json, FirstKeyOffer offer, String apiBase, String publicOrigin, boolean sandbox) {
        super("GET");
        this.json = json;
        this.offer = offer;
        this.apiBase = apiBase;
        this.publicOrigin = publicOrigin;
        this.sandbox = sandbox;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> key = offer.offerTo(
                request.getRemoteAddr(),
                request.getServerName(),
                Optional.ofNullable(request.getHeader("Sec-Fetch-Site")));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        json.writeValue(
                response.getOutputStream(),
                new Session(
                        apiBase, publicOrigin, sandbox, publicOrigin + DemoWebhooks.RECEIVER_PATH, key.orElse(null)));
    }
}
