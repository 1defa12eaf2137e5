package co.plugkit.internal.events;

import java.util.Objects;

/** The event side of one PlugKit: built once with the engine, closed with PlugKit. */
public final class EventServices implements AutoCloseable {
    private final ListenerDispatch listeners;

    public EventServices(ListenerDispatch listeners) {
        this.listeners = Objects.requireNonNull(listeners, "listeners");
    }

    public ListenerDispatch listeners() {
        return listeners;
    }

    @Override
    public void close() {
        listeners.close();
    }
}
