package co.plugkit.internal.events;

import co.plugkit.model.Account;
import co.plugkit.secret.Secret;
import java.util.Objects;
import java.util.Optional;

/** The event side of one PlugKit: built once with the engine, closed with PlugKit. */
public final class EventServices implements AutoCloseable {
    private final ListenerDispatch listeners;
    private final Optional<MetaWebhooks> metaWebhooks;
    private final Optional<EventWorkers> workers;
    private final Optional<WebhookSubscriber> subscriber;
    private final Optional<WebhookSender> sender;
    private volatile Optional<WebhookEndpoints> endpoints = Optional.empty();

    public EventServices(
            ListenerDispatch listeners,
            Optional<MetaWebhooks> metaWebhooks,
            Optional<EventWorkers> workers,
            Optional<WebhookSubscriber> subscriber,
            Optional<WebhookSender> sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.metaWebhooks = Objects.requireNonNull(metaWebhooks, "metaWebhooks");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
    }

    /** Listeners only, no background work: for engine tests. */
    public static EventServices listenersOnly(ListenerDispatch listeners) {
        return new EventServices(listeners, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ListenerDispatch listeners() {
        return listeners;
    }

    /** Set once while PlugKit is built (the endpoints wake this). */
    public void endpoints(WebhookEndpoints endpoints) {
        this.endpoints = Optional.of(endpoints);
    }

    public Optional<WebhookEndpoints> endpoints() {
        return endpoints;
    }

    public Optional<MetaWebhooks> metaWebhooks() {
        return metaWebhooks;
    }

    /** After a connect or reconnect: the account is subscribed to the app's webhooks, off this thread. */
    public void connected(Account account, Secret accessToken) {
        subscriber.ifPresent(s -> s.connected(account, accessToken));
    }

    /** New background work is waiting (a stored delivery, a new event). */
    public void wake() {
        workers.ifPresent(EventWorkers::wake);
    }

    @Override
    public void close() {
        workers.ifPresent(EventWorkers::close);
        sender.ifPresent(WebhookSender::close);
        listeners.close();
    }
}
