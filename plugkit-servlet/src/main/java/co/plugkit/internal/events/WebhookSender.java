package co.plugkit.internal.events;

import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.crypto.UnreadableTokenException;
import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.internal.threads.GuestThreads;
import co.plugkit.model.Event;
import co.plugkit.model.SealedToken;
import co.plugkit.secret.Secret;
import co.plugkit.store.EventStore;
import co.plugkit.store.WebhookStore;
import co.plugkit.store.WebhookStore.Attempt;
import co.plugkit.store.WebhookStore.Delivery;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries as Standard Webhooks 1.0: a POST of the event envelope with {@code webhook-id} (the
 * event id), {@code webhook-timestamp} and {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">} (two signatures, space-separated, while a rolled secret overlaps). A 2xx is
 * success; anything else — another status, a timeout, a refused or closed connection — is tried again
 * after {@link #SCHEDULE}, with jitter, then given up.
 */
public final class WebhookSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final SecureRandom JITTER = new SecureRandom();

    /** The pause before each retry: the first ones within a minute, the last about three days after the event. */
    static final List<Duration> SCHEDULE = List.of(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(12),
            Duration.ofHours(24),
            Duration.ofHours(24));

    private final WebhookStore store;
    private final EventStore events;
    private final TokenCipher cipher;
    private final WebhookTargets targets;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration timeout;
    private final Telemetry telemetry;
    private final GuestThreads threads = new GuestThreads("plugkit-webhooks-http-");
    private final ExecutorService executor = Executors.newCachedThreadPool(threads);
    private final HttpClient http;

    public WebhookSender(
            WebhookStore store,
            EventStore events,
            TokenCipher cipher,
            WebhookTargets targets,
            ObjectMapper json,
            Clock clock,
            Duration timeout,
            Telemetry telemetry) {
        this.store = store;
        this.telemetry = telemetry;
        this.events = events;
        this.cipher = cipher;
        this.targets = targets;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
        // Built without the webapp's class loader as the context loader, as BoundedHttpSender does: the
        // client's selector thread (which on Java 17 ends only once the client is collected) then pins no
        // webapp, and Tomcat's leak detection does not count it as the webapp's.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            this.http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .build();
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** The lease on a claimed delivery: well past the longest send, so no other server takes it meanwhile. */
    Duration lease() {
        return timeout.multipliedBy(4).plus(Duration.ofSeconds(30));
    }

    /** One run: claims due deliveries (as {@code owner}) and sends them, until none are due. */
    public void runOnce(String owner) {
        List<Delivery> claimed;
        do {
            Instant now = clock.instant();
            claimed = store.claimDue(now, owner, now.plus(lease()), 20);
            for (Delivery delivery : claimed) {
                send(delivery, owner);
            }
        } while (!claimed.isEmpty());
    }

    private void send(Delivery delivery, String owner) {
        Optional<Event> event = events.find(delivery.workspaceId(), delivery.eventId());
        Optional<WebhookStore.Endpoint> endpoint = store.endpoint(delivery.workspaceId(), delivery.endpointId());
        Optional<WebhookStore.Secrets> secrets = store.secrets(delivery.endpointId());
        Instant started = clock.instant();
        if (event.isEmpty() || endpoint.isEmpty() || secrets.isEmpty()) {
            finish(
                    delivery,
                    owner,
                    new Attempt(started, OptionalInt.empty(), 0, Optional.of("endpoint deleted")),
                    false,
                    true);
            return;
        }
        Optional<String> refusal = targets.refusal(endpoint.get().url());
        if (refusal.isPresent()) {
            finish(
                    delivery,
                    owner,
                    new Attempt(started, OptionalInt.empty(), 0, Optional.of("URL refused: " + refusal.get())),
                    false,
                    false);
            return;
        }
        String body;
        String signature;
        try {
            body = envelope(event.get());
            signature = signatures(delivery, secrets.get(), event.get().id().value(), started.getEpochSecond(), body);
        } catch (UnreadableTokenException | JacksonException e) {
            LOG.error("Webhook delivery {} cannot be signed: {}", delivery.id(), e.getMessage());
            finish(
                    delivery,
                    owner,
                    new Attempt(started, OptionalInt.empty(), 0, Optional.of("cannot be signed")),
                    false,
                    true);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint.get().url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "PlugKit-Webhooks/1")
                .header("webhook-id", event.get().id().value())
                .header("webhook-timestamp", Long.toString(started.getEpochSecond()))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long t0 = System.nanoTime();
        Attempt attempt;
        boolean success;
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            success = response.statusCode() / 100 == 2;
            attempt = new Attempt(
                    started,
                    OptionalInt.of(response.statusCode()),
                    elapsed(t0),
                    success ? Optional.empty() : Optional.of("HTTP " + response.statusCode()));
        } catch (IOException e) {
            success = false;
            attempt = new Attempt(
                    started,
                    OptionalInt.empty(),
                    elapsed(t0),
                    Optional.of(e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.recordAttempt(
                    delivery,
                    owner,
                    new Attempt(started, OptionalInt.empty(), elapsed(t0), Optional.of("interrupted")),
                    false,
                    Optional.of(clock.instant()));
            return;
        }
        String outcome = finish(delivery, owner, attempt, success, false);
        // One measurement per HTTP attempt; the attempts that never reached the network (endpoint gone, URL
        // refused) are in the deliveries list, not in the latency figures.
        telemetry.webhookDelivery(outcome, attempt.statusCode(), System.nanoTime() - t0);
    }

    /** Records the attempt; answers {@code delivered}, {@code failed} (tried again later) or {@code gave_up}. */
    private String finish(Delivery delivery, String owner, Attempt attempt, boolean success, boolean giveUp) {
        Optional<Instant> next = success || giveUp || delivery.attempts() >= SCHEDULE.size()
                ? Optional.empty()
                : Optional.of(clock.instant().plus(jittered(SCHEDULE.get(delivery.attempts()))));
        if (!store.recordAttempt(delivery, owner, attempt, success, next)) {
            LOG.warn("Webhook delivery {}: the lease ran out before the attempt was recorded", delivery.id());
        } else if (!success && next.isEmpty()) {
            LOG.warn(
                    "Webhook delivery {} to endpoint {} given up: {}",
                    delivery.id(),
                    delivery.endpointId(),
                    attempt.error().orElse(""));
        }
        return success ? "delivered" : next.isEmpty() ? "gave_up" : "failed";
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** ±20%, so that many deliveries failing together do not all come back at once. */
    static Duration jittered(Duration pause) {
        double factor = 0.8 + 0.4 * JITTER.nextDouble();
        return Duration.ofMillis((long) (pause.toMillis() * factor));
    }

    /** The envelope {@code {id, type, createdAt, workspaceId, data}}; the actor is the audit trail's, not sent. */
    String envelope(Event event) throws JacksonException {
        ObjectNode node = json.createObjectNode()
                .put("id", event.id().value())
                .put("type", event.type())
                .put("createdAt", event.createdAt().toString())
                .put("workspaceId", event.workspaceId().value());
        node.set("data", json.readTree(event.data()));
        return json.writeValueAsString(node);
    }

    private String signatures(Delivery d, WebhookStore.Secrets secrets, String id, long timestamp, String body)
            throws UnreadableTokenException {
        TokenBinding binding = TokenBinding.forWebhookEndpoint(d.workspaceId(), d.endpointId());
        List<String> out = new ArrayList<>();
        out.add(sign(cipher.open(secrets.current(), binding), id, timestamp, body));
        if (secrets.previous().isPresent()
                && secrets.previousUntil()
                        .map(until -> until.isAfter(clock.instant()))
                        .orElse(false)) {
            SealedToken previous = secrets.previous().get();
            out.add(sign(cipher.open(previous, binding), id, timestamp, body));
        }
        return String.join(" ", out);
    }

    /** {@code v1,<base64 HMAC-SHA256("id.timestamp.body")>} with the secret's key (base64 after {@code whsec_}). */
    public static String sign(Secret secret, String id, long timestamp, String body) {
        String text = secret.reveal();
        byte[] key = Base64.getDecoder().decode(text.startsWith("whsec_") ? text.substring(6) : text);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Stops the HTTP client's threads (as {@code BoundedHttpSender} does: the client itself closes on Java 21+). */
    @Override
    public void close() {
        executor.shutdownNow();
        threads.awaitEnd(Duration.ofSeconds(5));
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("the webhooks' HTTP client did not close", e);
            }
        }
    }
}
