package co.plugkit;

import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.engine.Engine;
import co.plugkit.internal.instagram.InstagramProvider;
import co.plugkit.internal.instagram.NimbusInstagramClient;
import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.internal.telemetry.micrometer.MicrometerTelemetry;
import co.plugkit.internal.web.CallbackSettings;
import co.plugkit.internal.web.Json;
import co.plugkit.internal.web.Routes;
import co.plugkit.provider.Provider;
import co.plugkit.provider.Providers;
import co.plugkit.store.PlugKitStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts one {@link PlugKit} together from what its builder was given, in the order that leaves nothing to
 * undo when a step refuses: the sandbox check, the store, the encryption key check, then the parts that
 * start threads.
 */
final class PlugKitAssembly {
    /** Why sandbox mode is refused when no sandbox is plugged in (the sandbox is a module of its own). */
    static final String SANDBOX_MISSING = "plugkit.sandbox=true needs the plugkit-sandbox module: add"
            + " co.plugkit:plugkit-sandbox and plug it in with PlugKit.builder().sandbox(new PlugKitSandbox()),"
            + " or set plugkit.sandbox=false. PlugKitInitializer (a WAR configured by web.xml or the"
            + " environment) never plugs it in: sandbox mode is for the demo and for hosts that build PlugKit"
            + " in code";

    /** What a running PlugKit holds. */
    record Parts(
            Engine engine,
            BackgroundJobs jobs,
            Routes routes,
            Optional<PlugKitExtension.Routes> sandboxRoutes,
            NimbusInstagramClient instagramClient) {}

    private PlugKitAssembly() {}

    /**
     * @param meterRegistry a Micrometer {@code MeterRegistry}, or null; typed Object so that PlugKit loads
     *     without Micrometer on the class path
     */
    static Parts assemble(
            PlugKitConfig config,
            Clock hostClock,
            Supplier<PlugKitStore> storeChoice,
            List<Provider> hostProviders,
            PlugKitExtension sandbox,
            Object meterRegistry,
            List<PlugKitEventListener> listeners) {
        // The database keeps microseconds (and rounds finer values); Java's system clock can have nanoseconds.
        // Whole microseconds make an object created show the same timestamps as when it is read back.
        Clock clock = Clock.tick(hostClock, Duration.ofNanos(1_000));
        ObjectMapper json = Json.newMapper();
        // Before the database is touched or a thread started: nothing to undo if the sandbox is missing or fails.
        if (config.sandbox() && sandbox == null) {
            throw new PlugKitConfigException(SANDBOX_MISSING);
        }
        Optional<PlugKitExtension.Routes> sandboxRoutes = config.sandbox()
                ? Optional.of(sandbox.start(new PlugKitExtension.Context(config, clock, json)))
                : Optional.empty();
        PlugKitStore store = storeChoice.get();
        KeyMaterial keys = KeyMaterial.of(config, clock);
        TokenCipher cipher = keys.cipher();
        // Before anything starts (the HTTP client's and the refresher's threads, the routes): a wrong key is
        // refused here rather than found account by account later.
        StoredTokenKeys.requireKnown(store.accounts(), cipher.keyId(), cipher.knownKeyIds());
        // Micrometer is optional: its classes load only when a registry was given (docs/metrics.md).
        Telemetry telemetry = meterRegistry == null ? Telemetry.NONE : MicrometerTelemetry.on(meterRegistry);
        NimbusInstagramClient instagramClient =
                new NimbusInstagramClient(config.instagram(), config.redirectUri(), json, telemetry);
        List<Provider> all = new ArrayList<>();
        all.add(new InstagramProvider(instagramClient, config.instagram().scopes()));
        all.addAll(hostProviders);
        Providers providers = new Providers(all);

        Engine engine = EngineWiring.assemble(
                config,
                store,
                providers,
                cipher,
                keys.connectSeals(),
                json,
                clock,
                telemetry,
                instagramClient.graphForwarder(config.accountAccess()),
                listeners);
        BackgroundJobs jobs = BackgroundJobs.start(config, store, engine, clock);
        StoredTokenKeys.announceRotation(cipher, engine.resealer().rowsOnOldKeys(), config.refreshEnabled());
        Routes routes = new Routes(
                json,
                store,
                engine,
                config.adminToken(),
                providers,
                new CallbackSettings(keys.resultTickets(), config::callbackUrl, config.openerOrigin()));
        return new Parts(engine, jobs, routes, sandboxRoutes, instagramClient);
    }
}
