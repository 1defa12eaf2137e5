package co.plugkit.id;

import java.util.Optional;

/**
 * The id of an event: `evt_` followed by lowercase letters and digits. It is also the {@code webhook-id}
 * of every HTTP delivery of the event, so a receiver can drop a repeated delivery.
 */
public record EventId(String value) {
    private static final IdFormat FORMAT = new IdFormat("evt_");

    /** @throws IllegalArgumentException if {@code value} is not a well-formed event id */
    public EventId {
        FORMAT.require(value);
    }

    /** A new random id. */
    public static EventId random() {
        return new EventId(FORMAT.random());
    }

    /** The id, or empty if {@code value} is null or malformed. */
    public static Optional<EventId> parse(String value) {
        return FORMAT.parse(value, EventId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
