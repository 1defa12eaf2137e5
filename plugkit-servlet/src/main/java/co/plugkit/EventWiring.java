package co.plugkit;

import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.events.EventServices;
import co.plugkit.internal.events.EventWorkers;
import co.plugkit.internal.events.ListenerDispatch;
import co.plugkit.internal.events.MetaWebhooks;
import co.plugkit.internal.events.WebhookEndpoints;
import co.plugkit.internal.events.WebhookSender;
import co.plugkit.internal.events.WebhookSubscriber;
import co.plugkit.internal.events.WebhookTargets;
import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.model.Event;
import co.plugkit.provider.Providers;
import co.plugkit.store.PlugKitStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Assembles the event side of one PlugKit: listeners, Meta's webhooks, the background workers. */
final class EventWiring {
    /** How often the background work looks for something to do when nothing woke it. */
    static final Duration POLL = Duration.ofSeconds(5);

    private EventWiring() {}

    static EventServices assemble(
            PlugKitConfig config,
            PlugKitStore store,
            Providers providers,
            TokenCipher cipher,
            ObjectMapper json,
            Clock clock,
            Telemetry telemetry,
            List<PlugKitEventListener> listeners) {
        ListenerDispatch dispatch = new ListenerDispatch(
                listeners.stream().map(EventWiring::handler).toList());
        MetaWebhooks meta = new MetaWebhooks(
                store.metaWebhooks(),
                store.accounts(),
                config.instagram().clientSecret(),
                config.webhooks().verifyToken(),
                json,
                clock);
        EventWorkers workers = new EventWorkers();
        WebhookSubscriber subscriber = new WebhookSubscriber(
                store.accounts(), providers, cipher, config.webhooks().subscribedFields(), workers, clock);
        WebhookTargets targets = new WebhookTargets(config.webhooks().allowPrivateTargets());
        WebhookSender sender = new WebhookSender(
                store.webhooks(),
                store.events(),
                cipher,
                targets,
                json,
                clock,
                config.webhooks().deliveryTimeout(),
                telemetry);
        workers.start(List.of(meta::processPending, subscriber::retryDue, sender::runOnce), POLL);
        EventServices services = new EventServices(
                dispatch, Optional.of(meta), Optional.of(workers), Optional.of(subscriber), Optional.of(sender));
        services.endpoints(new WebhookEndpoints(store.webhooks(), cipher, targets, clock, services::wake));
        store.events().afterCommit(committed -> {
            dispatch.committed(committed);
            services.wake();
        });
        return services;
    }

    private static ListenerDispatch.Handler handler(PlugKitEventListener listener) {
        return new ListenerDispatch.Handler() {
            @Override
            public void onEvent(Event event) throws Exception {
                listener.onEvent(event);
            }

            @Override
            public String name() {
                return listener.getClass().getName();
            }
        };
    }
}
