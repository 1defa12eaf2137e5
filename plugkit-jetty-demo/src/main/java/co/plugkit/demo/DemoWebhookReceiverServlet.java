package co.plugkit.demo;

import co.plugkit.internal.web.GuardedServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /demo/webhooks/receiver}: the URL the demo registers as its webhook endpoint. It keeps each
 * delivery with the result of its signature check ({@link ReceivedWebhooks}) and answers as a receiver
 * should: 204 for a valid signature, 400 otherwise, so PlugKit tries an unverified delivery again.
 */
final class DemoWebhookReceiverServlet extends GuardedServlet {
    /** PlugKit's envelopes carry Meta's entries; a megabyte, as PlugKit takes from Meta, is plenty. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final transient ReceivedWebhooks webhooks;
    private final transient Clock clock;

    DemoWebhookReceiverServlet(ReceivedWebhooks webhooks, Clock clock) {
        super("POST");
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            response.sendError(413);
            return;
        }
        ReceivedWebhooks.Received received =
                webhooks.receive(new String(body, StandardCharsets.UTF_8), headers(request), clock.instant());
        response.setStatus(received.verified() ? 204 : 400);
    }

    /** The request's headers, names in lower case as the Standard Webhooks library looks them up. */
    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
