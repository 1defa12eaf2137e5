package co.plugkit.internal.web;

import co.plugkit.internal.events.EventServices;
import co.plugkit.internal.events.MetaWebhooks;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /v1/webhooks/instagram}: Meta's verification handshake, and its deliveries, which are
 * checked, stored and answered at once; processing them follows on a PlugKit thread.
 */
final class MetaWebhookServlet extends ApiServlet {
    private final transient MetaWebhooks webhooks;
    private final transient EventServices events;

    MetaWebhookServlet(ObjectMapper json, MetaWebhooks webhooks, EventServices events) {
        super(json, "GET", "POST");
        this.webhooks = webhooks;
        this.events = events;
    }

    @Override
    protected void handle(ApiCall call) throws IOException {
        if (call.method().equals("GET")) {
            String challenge = webhooks.verify(
                            call.query("hub.mode"), call.query("hub.verify_token"), call.query("hub.challenge"))
                    .orElseThrow(ApiError.WEBHOOK_VERIFICATION_REFUSED::problem);
            call.response().setStatus(200);
            call.response().setContentType("text/plain;charset=UTF-8");
            call.response().setHeader("X-Content-Type-Options", "nosniff");
            call.response().getOutputStream().write(challenge.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (call.request().getContentLengthLong() > MetaWebhooks.MAX_BODY_BYTES) {
            throw ApiError.BODY_TOO_LARGE.problem("A webhook delivery may be at most 1 MiB");
        }
        byte[] body = readBounded(call.request().getInputStream());
        switch (webhooks.receive(body, Optional.ofNullable(call.request().getHeader("X-Hub-Signature-256")))) {
            case UNSIGNED -> throw ApiError.WEBHOOK_SIGNATURE_MISSING.problem();
            case BAD_SIGNATURE -> throw ApiError.WEBHOOK_SIGNATURE_INVALID.problem();
            case MALFORMED -> throw ApiError.INVALID_JSON.problem("The webhook delivery is not a JSON object");
            case STORED -> events.wake();
            case REPEATED -> {
                // the same delivery again: already stored, answered as success so Meta stops retrying
            }
        }
        call.respond(200, Map.of("success", true));
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MetaWebhooks.MAX_BODY_BYTES + 1);
        if (bytes.length > MetaWebhooks.MAX_BODY_BYTES) {
            throw ApiError.BODY_TOO_LARGE.problem("A webhook delivery may be at most 1 MiB");
        }
        return bytes;
    }
}
