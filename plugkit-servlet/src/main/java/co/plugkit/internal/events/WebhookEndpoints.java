package co.plugkit.internal.events;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.model.Actor;
import co.plugkit.model.EventType;
import co.plugkit.secret.Secret;
import co.plugkit.store.NewEvent;
import co.plugkit.store.WebhookStore;
import co.plugkit.store.WebhookStore.Endpoint;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A workspace's webhook endpoints: created with a fresh signing secret ({@code whsec_} and the base64 of 24
 * random bytes, shown once and stored sealed), listed without it, deleted, tested, and their secret rolled
 * (the previous one signs too for {@link #ROLL_OVERLAP}).
 */
public final class WebhookEndpoints {
    /** How long the previous secret keeps signing after a roll. */
    public static final Duration ROLL_OVERLAP = Duration.ofHours(24);

    /** At most this many endpoints per workspace. */
    public static final int MAX_ENDPOINTS = 20;

    private final WebhookStore store;
    private final TokenCipher cipher;
    private final WebhookTargets targets;
    private final Clock clock;
    private final Runnable wake;

    public WebhookEndpoints(
            WebhookStore store, TokenCipher cipher, WebhookTargets targets, Clock clock, Runnable wake) {
        this.store = store;
        this.cipher = cipher;
        this.targets = targets;
        this.clock = clock;
        this.wake = wake;
    }

    /** A new endpoint and its secret, which only this answer shows. */
    public record Created(Endpoint endpoint, Secret secret) {}

    /** How a creation ended. */
    public sealed interface Creation {
        record Done(Created created) implements Creation {}

        /** The URL may not be used; {@code reason} says why (no secret in it). */
        record UrlRefused(String reason) implements Creation {}

        record UnknownEventType(String type) implements Creation {}

        record TooMany() implements Creation {}
    }

    /** A new endpoint; {@code actor} is named in its audit event. */
    public Creation create(WorkspaceId ws, URI url, Optional<List<String>> events, Actor actor) {
        Optional<String> refusal = targets.refusal(url);
        if (refusal.isPresent()) {
            return new Creation.UrlRefused(refusal.get());
        }
        if (events.isPresent()) {
            for (String type : events.get()) {
                if (!EventType.DELIVERABLE.contains(type)) {
                    return new Creation.UnknownEventType(type);
                }
            }
        }
        if (store.endpoints(ws).size() >= MAX_ENDPOINTS) {
            return new Creation.TooMany();
        }
        Endpoint endpoint = new Endpoint(
                "we_" + java.util.HexFormat.of().formatHex(Hashing.randomBytes(12)),
                ws,
                url,
                events.map(List::copyOf),
                clock.instant());
        Secret secret = newSecret();
        store.createEndpoint(endpoint, cipher.seal(secret, TokenBinding.forWebhookEndpoint(ws, endpoint.id())), actor);
        return new Creation.Done(new Created(endpoint, secret));
    }

    public List<Endpoint> list(WorkspaceId ws) {
        return store.endpoints(ws);
    }

    public Optional<Endpoint> find(WorkspaceId ws, String id) {
        return store.endpoint(ws, id);
    }

    public boolean delete(WorkspaceId ws, String id, Actor actor) {
        return store.deleteEndpoint(ws, id, clock.instant(), actor);
    }

    /** A new secret; the previous one signs too for {@link #ROLL_OVERLAP}. Empty if there is no such endpoint. */
    public Optional<Created> rollSecret(WorkspaceId ws, String id, Actor actor) {
        Optional<Endpoint> endpoint = store.endpoint(ws, id);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        Secret secret = newSecret();
        Instant now = clock.instant();
        boolean rolled = store.rollSecret(
                ws,
                id,
                cipher.seal(secret, TokenBinding.forWebhookEndpoint(ws, id)),
                now.plus(ROLL_OVERLAP),
                now,
                actor);
        return rolled ? Optional.of(new Created(endpoint.get(), secret)) : Optional.empty();
    }

    /** Sends a {@code webhook.test} event to this endpoint only; its delivery id, or empty if no such endpoint. */
    public Optional<String> sendTest(WorkspaceId ws, String id, Actor actor) {
        Optional<String> delivery = store.sendTest(
                ws,
                id,
                new NewEvent(ws, EventType.WEBHOOK_TEST, Optional.empty(), actor, "{\"endpointId\":\"" + id + "\"}"),
                clock.instant());
        delivery.ifPresent(d -> wake.run());
        return delivery;
    }

    public List<WebhookStore.DeliveryState> deliveries(WorkspaceId ws, String endpointId, int limit) {
        return store.deliveries(ws, endpointId, limit);
    }

    public boolean retry(WorkspaceId ws, String deliveryId) {
        boolean retried = store.retry(ws, deliveryId, clock.instant());
        if (retried) {
            wake.run();
        }
        return retried;
    }

    private static Secret newSecret() {
        return Secret.of("whsec_" + Base64.getEncoder().encodeToString(Hashing.randomBytes(24)));
    }
}
