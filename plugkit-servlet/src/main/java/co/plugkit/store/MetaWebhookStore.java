package co.plugkit.store;

import java.time.Instant;
import java.util.List;

/**
 * Meta's webhook deliveries ({@code POST /v1/webhooks/instagram}), stored as received before they are
 * answered, and processed afterwards under a lease, so a delivery survives a server that dies after
 * answering and no two servers process one delivery.
 */
public interface MetaWebhookStore {

    /** A stored delivery: its raw body, as Meta signed it. */
    record Received(String id, String body, int attempts) {}

    /**
     * Stores a delivery unless one with the same body hash is stored already (Meta sent it again).
     *
     * @return false for a repeated delivery (nothing stored)
     */
    boolean receive(String bodySha256, String body, Instant now);

    /** Claims unprocessed deliveries, oldest first, whose lease is free, until {@code leaseUntil}. */
    List<Received> claim(Instant now, String owner, Instant leaseUntil, int limit);

    /**
     * Marks a claimed delivery processed and writes its events, in one transaction, if {@code owner} still
     * holds the lease.
     *
     * @return false if the lease was lost (nothing written)
     */
    boolean complete(Received delivery, String owner, List<NewEvent> events, Instant now);

    /** Gives a claimed delivery back after a failure, to be tried again after {@code retryAt}. */
    void release(Received delivery, String owner, Instant retryAt);
}
