package co.plugkit.store;

import co.plugkit.model.ConnectState;
import java.time.Instant;

/**
 * The pending connect flows, keyed by the SHA-256 hash of their {@code state}. Consuming is atomic
 * across every server sharing the database: one callback wins, every other one sees {@code USED}.
 */
public interface ConnectStateStore {

    void insert(String stateHash, ConnectState state, Instant createdAt);

    /** Marks the state used if it is known, unused and unexpired at {@code now}, and says which it was. */
    Consumption consume(String stateHash, Instant now);

    /** Deletes states that expired before {@code cutoff}. */
    int deleteExpiredBefore(Instant cutoff);

    /** The result of {@link #consume}. */
    sealed interface Consumption {
        /** This caller consumed the state and may complete the flow. */
        record Consumed(ConnectState state) implements Consumption {}

        /** No such state. */
        record Unknown() implements Consumption {}

        /** Another callback consumed it first. */
        record AlreadyUsed(ConnectState state) implements Consumption {}

        /** It expired before it was used. */
        record Expired(ConnectState state) implements Consumption {}
    }
}
