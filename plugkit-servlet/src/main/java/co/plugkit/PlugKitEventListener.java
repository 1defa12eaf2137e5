package co.plugkit;

import co.plugkit.model.Event;

/**
 * Receives PlugKit's events in the host's own JVM: an account connected, reconnected, needing a
 * reconnect, disconnected or deleted, and the messages, comments and mentions Instagram forwards.
 * Register one with {@code PlugKit.builder().listener(…)}; a WAR configured by web.xml lists its
 * listeners in {@code META-INF/services/co.plugkit.PlugKitEventListener} instead (found with
 * {@link java.util.ServiceLoader}, each needing a public no-argument constructor).
 *
 * <p>PlugKit calls a listener after the change's transaction has committed, on a PlugKit thread, never on
 * a request's thread: a slow listener does not slow the API, but it delays the events after it, so hand
 * long work to your own executor. A listener that throws is called again with the same event, after a
 * growing pause (a second, then doubling, up to five minutes), at most eight times in all; an event may
 * therefore arrive more than once (its {@link Event#id()} tells), and events retried are not in order.
 * The listener does not survive a restart of the JVM: what must not be missed is better received as a
 * signed HTTP webhook, which PlugKit keeps trying for days.
 */
@FunctionalInterface
public interface PlugKitEventListener {

    /** One event; throw to have it delivered again later. */
    void onEvent(Event event) throws Exception;
}
