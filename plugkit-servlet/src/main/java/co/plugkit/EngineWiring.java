package co.plugkit;

import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.engine.AbuseLimiter;
import co.plugkit.internal.engine.AccountTokens;
import co.plugkit.internal.engine.Accounts;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.ConnectFlow;
import co.plugkit.internal.engine.ConnectSeals;
import co.plugkit.internal.engine.ConnectSessions;
import co.plugkit.internal.engine.Engine;
import co.plugkit.internal.engine.GraphProxy;
import co.plugkit.internal.engine.GraphUpstream;
import co.plugkit.internal.engine.ManualConnect;
import co.plugkit.internal.engine.MetaCallbacks;
import co.plugkit.internal.engine.Profiles;
import co.plugkit.internal.engine.RedirectAllowList;
import co.plugkit.internal.engine.TokenRefresher;
import co.plugkit.internal.engine.TokenResealer;
import co.plugkit.internal.engine.Workspaces;
import co.plugkit.internal.events.EventServices;
import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.provider.Providers;
import co.plugkit.store.PlugKitStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;

/** Assembles the engine of one PlugKit from its configuration, store, providers and key: built once. */
final class EngineWiring {
    private EngineWiring() {}

    static Engine assemble(
            PlugKitConfig config,
            PlugKitStore store,
            Providers providers,
            TokenCipher cipher,
            ConnectSeals seals,
            ObjectMapper json,
            Clock clock,
            Telemetry telemetry,
            GraphUpstream graph,
            List<PlugKitEventListener> listeners) {
        EventServices events =
                EventWiring.assemble(config, store, providers, cipher, json, clock, telemetry, listeners);
        TokenRefresher refresher = new TokenRefresher(
                store.accounts(), store.refresh(), providers, cipher, config.refreshPolicy(), clock, telemetry);
        // Using accounts: a token for the host, the Graph API proxy, the token export.
        AccountTokens accountTokens = new AccountTokens(
                store.accounts(),
                store.refresh(),
                refresher,
                cipher,
                config.refreshPolicy(),
                config.instagram().connectTimeout().plus(config.instagram().readTimeout()),
                config.accountAccess().exposeTokens(),
                clock);
        ApiKeys apiKeys = new ApiKeys(store.workspaces(), new AbuseLimiter(config.abuseLimits(), clock), clock);
        return new Engine(
                apiKeys,
                new Workspaces(store.workspaces(), apiKeys, clock),
                new Profiles(store.profiles(), clock),
                new Accounts(store.accounts(), providers, cipher, clock),
                new ConnectFlow(
                        store.profiles(),
                        store.connectStates(),
                        seals,
                        store.accounts(),
                        providers,
                        cipher,
                        new RedirectAllowList(config.allowedRedirectUrls()),
                        config.stateTtl(),
                        clock,
                        telemetry,
                        events::connected),
                refresher,
                new TokenResealer(
                        store.accounts(),
                        store.refresh(),
                        cipher,
                        config.refreshPolicy().batchSize(),
                        config.refreshPolicy().lease(),
                        clock),
                new ManualConnect(store.profiles(), store.accounts(), providers, cipher, clock, events::connected),
                new MetaCallbacks(
                        store.accounts(),
                        store.dataDeletions(),
                        config.instagram().clientSecret(),
                        config.publicUrl(),
                        json,
                        clock),
                new ConnectSessions(seals, store.connectStates(), clock),
                accountTokens,
                new GraphProxy(accountTokens, graph),
                events);
    }
}
