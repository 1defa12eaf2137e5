package co.plugkit.internal.engine;

import co.plugkit.internal.events.EventServices;
import java.util.Objects;

/**
 * Every servlet-free service of one PlugKit instance, assembled once by {@code PlugKit} and handed to
 * the routes as a unit.
 */
public record Engine(
        ApiKeys apiKeys,
        Workspaces workspaces,
        Profiles profiles,
        Accounts accounts,
        ConnectFlow connectFlow,
        TokenRefresher refresher,
        TokenResealer resealer,
        ManualConnect manualConnect,
        MetaCallbacks metaCallbacks,
        ConnectSessions connectSessions,
        AccountTokens accountTokens,
        GraphProxy graphProxy,
        EventServices events) {

    public Engine {
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(workspaces, "workspaces");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(connectFlow, "connectFlow");
        Objects.requireNonNull(refresher, "refresher");
        Objects.requireNonNull(resealer, "resealer");
        Objects.requireNonNull(manualConnect, "manualConnect");
        Objects.requireNonNull(metaCallbacks, "metaCallbacks");
        Objects.requireNonNull(connectSessions, "connectSessions");
        Objects.requireNonNull(accountTokens, "accountTokens");
        Objects.requireNonNull(graphProxy, "graphProxy");
        Objects.requireNonNull(events, "events");
    }
}
