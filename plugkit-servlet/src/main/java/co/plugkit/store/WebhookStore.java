package co.plugkit.store;

import co.plugkit.id.EventId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Actor;
import co.plugkit.model.SealedToken;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The host's webhook endpoints and the deliveries of events to them. A delivery row is written with its
 * event (for every endpoint of the workspace that takes the event's type), then sent under a lease taken
 * with a conditional update, so no two servers send one delivery at once, and it is never sent again once
 * it succeeded.
 */
public interface WebhookStore {

    /**
     * An endpoint as the API shows it.
     *
     * @param events the event types it takes; empty: every type
     */
    record Endpoint(String id, WorkspaceId workspaceId, URI url, Optional<List<String>> events, Instant createdAt) {}

    /** An endpoint's signing secrets: the current one and, during a roll, the previous one until its end. */
    record Secrets(SealedToken current, Optional<SealedToken> previous, Optional<Instant> previousUntil) {}

    /** A claimed delivery. */
    record Delivery(String id, WorkspaceId workspaceId, String endpointId, EventId eventId, int attempts) {}

    /** One try of a delivery: the receiver's status if it answered, how long it took, what went wrong. */
    record Attempt(Instant at, OptionalInt statusCode, long durationMillis, Optional<String> error) {}

    /** A delivery as the API shows it. */
    record DeliveryState(
            String id,
            String endpointId,
            EventId eventId,
            String eventType,
            String status,
            Optional<Instant> nextAttemptAt,
            Instant createdAt,
            Optional<Instant> completedAt,
            List<Attempt> attempts) {}

    /** Stores an endpoint with its {@code webhook_endpoint.created} event, caused by {@code actor}. */
    void createEndpoint(Endpoint endpoint, SealedToken secret, Actor actor);

    /** The workspace's endpoints that were not deleted, oldest first. */
    List<Endpoint> endpoints(WorkspaceId workspaceId);

    Optional<Endpoint> endpoint(WorkspaceId workspaceId, String id);

    /** The secrets of an endpoint that was not deleted, whatever its workspace (for the sender). */
    Optional<Secrets> secrets(String endpointId);

    /**
     * Deletes an endpoint with its {@code webhook_endpoint.deleted} event; its pending deliveries are not
     * sent.
     */
    boolean deleteEndpoint(WorkspaceId workspaceId, String id, Instant now, Actor actor);

    /**
     * Replaces the secret, with a {@code webhook_endpoint.secret_rolled} event at {@code now}; the current
     * secret becomes the previous one, which signs too until {@code previousUntil}.
     */
    boolean rollSecret(
            WorkspaceId workspaceId, String id, SealedToken next, Instant previousUntil, Instant now, Actor actor);

    /** Writes a test event and its one delivery, to this endpoint only; empty if there is no such endpoint. */
    Optional<String> sendTest(WorkspaceId workspaceId, String endpointId, NewEvent event, Instant now);

    /** Claims pending deliveries that are due, at most {@code limit}, each leased until {@code leaseUntil}. */
    List<Delivery> claimDue(Instant now, String owner, Instant leaseUntil, int limit);

    /**
     * Records a try, if {@code owner} still holds the lease: a success completes the delivery; otherwise it
     * is due again at {@code nextAttempt}, or failed for good if that is empty.
     *
     * @return false if the lease was lost (nothing written)
     */
    boolean recordAttempt(
            Delivery delivery, String owner, Attempt attempt, boolean success, Optional<Instant> nextAttempt);

    /** An endpoint's deliveries, newest first, with their tries. */
    List<DeliveryState> deliveries(WorkspaceId workspaceId, String endpointId, int limit);

    /** Makes a delivery of the workspace due now again, whatever its status. */
    boolean retry(WorkspaceId workspaceId, String deliveryId, Instant now);
}
