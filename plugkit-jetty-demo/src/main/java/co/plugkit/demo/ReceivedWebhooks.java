package co.plugkit.demo;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's webhook receiver, without servlet imports: the endpoint secrets the page registered, and the
 * last {@value #KEPT} deliveries PlugKit sent, each checked with the Standard Webhooks reference library
 * (not with PlugKit's own code, so the check means something). Everything lives in memory: the demo shows
 * what arrives, it is not a store.
 */
final class ReceivedWebhooks {
    /** Deliveries kept; older ones are dropped. */
    static final int KEPT = 100;

    /** Secrets kept: one per registration, so endpoints registered a little earlier still verify. */
    static final int SECRETS_KEPT = 10;

    private static final String VALID = "valid";

    /**
     * One delivery as the demo received it, in the shape the page reads.
     *
     * @param receivedAt when it arrived (ISO-8601)
     * @param webhookId its {@code webhook-id} header, the event's id
     * @param type the envelope's {@code type}, such as {@code instagram.message}
     * @param accountId the envelope's {@code data.accountId}; empty when it has none
     * @param verified whether the signature check passed
     * @param check {@code valid}, or why not
     * @param body the body as received
     */
    record Received(
            String receivedAt,
            String webhookId,
            String type,
            String accountId,
            boolean verified,
            String check,
            String body) {}

    private final ObjectMapper json;
    private final Deque<Webhook> secrets = new ArrayDeque<>();
    private final Deque<Received> received = new ArrayDeque<>();

    ReceivedWebhooks(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Trusts an endpoint secret ({@code whsec_…}) the page got from {@code POST /v1/webhook-endpoints}.
     *
     * @return false, and nothing kept, when it is not a Standard Webhooks secret
     */
    boolean trust(String secret) {
        if (secret == null || !secret.startsWith("whsec_")) {
            return false;
        }
        Webhook webhook;
        try {
            webhook = new Webhook(secret);
        } catch (IllegalArgumentException e) {
            return false; // not base64 after the prefix
        }
        synchronized (secrets) {
            secrets.addFirst(webhook);
            while (secrets.size() > SECRETS_KEPT) {
                secrets.removeLast();
            }
        }
        return true;
    }

    /**
     * Checks and keeps one delivery.
     *
     * @param headers the request's headers, names in lower case
     */
    Received receive(String body, Map<String, List<String>> headers, Instant now) {
        String check = verify(body, headers);
        JsonNode envelope = parse(body);
        Received r = new Received(
                now.toString(),
                headers.getOrDefault("webhook-id", List.of("")).get(0),
                envelope.path("type").asText(""),
                envelope.path("data").path("accountId").asText(""),
                check.equals(VALID),
                check,
                body);
        synchronized (received) {
            received.addFirst(r);
            while (received.size() > KEPT) {
                received.removeLast();
            }
        }
        return r;
    }

    /** What arrived, newest first. */
    List<Received> newestFirst() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** {@value #VALID}, or why not: the reference library's own words. */
    private String verify(String body, Map<String, List<String>> headers) {
        List<Webhook> candidates;
        synchronized (secrets) {
            candidates = List.copyOf(secrets);
        }
        if (candidates.isEmpty()) {
            return "not checked: no endpoint registered from this page (press Register first)";
        }
        String problem = "";
        for (Webhook webhook : candidates) {
            try {
                webhook.verify(body, headers);
                return VALID;
            } catch (WebhookVerificationException e) {
                problem = String.valueOf(e.getMessage());
            }
        }
        return "invalid: " + problem.toLowerCase(Locale.ROOT);
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? json.missingNode() : node;
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }
}
