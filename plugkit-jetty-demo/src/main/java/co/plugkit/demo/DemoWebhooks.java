package co.plugkit.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletContext;
import java.time.Clock;

/**
 * Mounts the demo's webhook receiver: {@code /demo/webhooks/receiver} (the endpoint PlugKit posts to),
 * {@code /demo/webhooks/secret} (the page hands over the endpoint's secret) and {@code /demo/webhooks/events}
 * (what arrived, for the page's list).
 */
final class DemoWebhooks {
    /** The receiver's path, below the demo's origin. */
    static final String RECEIVER_PATH = "/demo/webhooks/receiver";

    private DemoWebhooks() {}

    static void register(ServletContext context) {
        ObjectMapper json = new ObjectMapper();
        ReceivedWebhooks webhooks = new ReceivedWebhooks(json);
        context.addServlet("demo:webhook-receiver", new DemoWebhookReceiverServlet(webhooks, Clock.systemUTC()))
                .addMapping(RECEIVER_PATH);
        context.addServlet("demo:webhook-secret", new DemoWebhookSecretServlet(webhooks, json))
                .addMapping("/demo/webhooks/secret");
        context.addServlet("demo:webhook-events", new DemoWebhookEventsServlet(webhooks, json))
                .addMapping("/demo/webhooks/events");
    }
}
