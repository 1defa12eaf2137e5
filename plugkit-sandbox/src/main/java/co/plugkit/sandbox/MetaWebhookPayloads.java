package co.plugkit.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bodies of the Instagram webhooks the sandbox sends, in the shapes Meta delivers for Instagram API
 * with Instagram Login (instagram-protocol.md §10): {@code {"object":"instagram","entry":[…]}}, the entry's
 * {@code id} being the professional account id ({@code user_id} of {@code /me}). As Meta does, a messaging
 * entry carries its {@code time} in milliseconds and a changes entry in seconds. Every body is new (its
 * times, message id and comment id), so PlugKit, which drops a delivery it has seen before, takes each one.
 */
final class MetaWebhookPayloads {
    /** The Instagram-scoped id of the sandbox's one customer, who writes the DMs and comments. */
    static final String CUSTOMER_ID = "990000000000042";

    static final String CUSTOMER_USERNAME = "sandbox_customer";

    private MetaWebhookPayloads() {}

    /** The body for {@code kind} about {@code account}, at {@code now}. */
    static String of(SandboxWebhook kind, SandboxAccount account, Instant now, ObjectMapper json) {
        Map<String, Object> entry = kind == SandboxWebhook.MESSAGE ? message(account, now) : comment(account, now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "instagram");
        body.put("entry", List.of(entry));
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers are always JSON", e);
        }
    }

    /** A DM from the customer to the account. */
    private static Map<String, Object> message(SandboxAccount account, Instant now) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("mid", SandboxLedger.randomToken("aWdfZAG1faXRlbToxOklHTWVzc2FnZA", 32));
        message.put("text", "Hi @" + account.username() + ", are you open on Sunday?");
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sender", Map.of("id", CUSTOMER_ID));
        item.put("recipient", Map.of("id", account.userId()));
        item.put("timestamp", now.toEpochMilli());
        item.put("message", message);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", account.userId());
        entry.put("time", now.toEpochMilli());
        entry.put("messaging", List.of(item));
        return entry;
    }

    /** A comment by the customer on the account's first post (the one every sandbox account has). */
    private static Map<String, Object> comment(SandboxAccount account, Instant now) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("from", Map.of("id", CUSTOMER_ID, "username", CUSTOMER_USERNAME));
        value.put("media", Map.of("id", account.userId() + "01", "media_product_type", "FEED"));
        value.put(
                "id", "179" + (10_000_000_000_000L + ThreadLocalRandom.current().nextLong(90_000_000_000_000L)));
        value.put("text", "Love this! Do you ship abroad?");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", account.userId());
        entry.put("time", now.getEpochSecond());
        entry.put("changes", List.of(Map.of("field", "comments", "value", value)));
        return entry;
    }
}
