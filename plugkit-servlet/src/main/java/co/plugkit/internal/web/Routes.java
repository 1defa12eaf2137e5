package co.plugkit.internal.web;

import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.Engine;
import co.plugkit.internal.events.AuditLog;
import co.plugkit.provider.Platform;
import co.plugkit.provider.Provider;
import co.plugkit.provider.Providers;
import co.plugkit.secret.Secret;
import co.plugkit.store.PlugKitStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import java.util.Objects;
import java.util.Optional;

/**
 * Mounts PlugKit's servlets on a servlet context under a path prefix. Only PlugKit's own paths are
 * mapped; no filter touches the host's URLs. Servlet names include the prefix, so two PlugKit instances
 * can live in one context under different prefixes.
 */
public final class Routes {
    private final ObjectMapper json;
    private final PlugKitStore store;
    private final Engine engine;
    private final Optional<Secret> adminToken;
    private final Providers providers;
    private final CallbackSettings callbacks;

    /**
     * @param providers one connect route and one callback route are mounted for each
     * @param callbacks what the callbacks' result pages need
     */
    public Routes(
            ObjectMapper json,
            PlugKitStore store,
            Engine engine,
            Optional<Secret> adminToken,
            Providers providers,
            CallbackSettings callbacks) {
        this.json = Objects.requireNonNull(json);
        this.store = Objects.requireNonNull(store);
        this.engine = Objects.requireNonNull(engine);
        this.adminToken = Objects.requireNonNull(adminToken);
        this.providers = Objects.requireNonNull(providers);
        this.callbacks = Objects.requireNonNull(callbacks);
    }

    /**
     * Registers every route. Call it while the context is being initialised (from a
     * {@code ServletContainerInitializer} or a declared {@code ServletContextListener}).
     *
     * @param prefix {@code ""} for the context root, else a path such as {@code /plugkit}
     */
    public void register(ServletContext context, String prefix) {
        ApiKeys keys = engine.apiKeys();
        add(context, prefix, "health", new HealthServlet(json, store), "/v1/health");
        add(context, prefix, "openapi", new OpenApiServlet(json), "/v1/openapi.json");
        add(context, prefix, "api-keys", new ApiKeysServlet(json, keys), "/v1/api-keys/*");
        add(context, prefix, "profiles", new ProfilesServlet(json, keys, engine.profiles()), "/v1/profiles/*");
        for (Provider provider : providers.all()) {
            Platform platform = provider.platform();
            String path = "/v1/connect/" + platform.name();
            add(
                    context,
                    prefix,
                    "connect-" + platform,
                    new ConnectServlet(json, keys, engine.connectFlow(), platform),
                    path);
            add(
                    context,
                    prefix,
                    "callback-" + platform,
                    new CallbackServlet(
                            engine.connectFlow(),
                            platform,
                            new CallbackPage(json, callbacks.openerOrigin()),
                            callbacks.tickets(),
                            json,
                            callbacks.callbackUrls().apply(platform)),
                    path + "/callback");
        }
        add(
                context,
                prefix,
                "connect-sessions",
                new ConnectSessionsServlet(json, keys, engine.connectSessions()),
                "/v1/connect/sessions/*");
        add(
                context,
                prefix,
                "deauthorize",
                new DeauthorizeServlet(json, engine.metaCallbacks()),
                "/v1/connect/instagram/deauthorize");
        add(
                context,
                prefix,
                "data-deletion",
                new DataDeletionServlet(json, engine.metaCallbacks()),
                "/v1/connect/instagram/data-deletion/*");
        add(
                context,
                prefix,
                "accounts",
                new AccountsServlet(
                        json,
                        keys,
                        engine.accounts(),
                        engine.refresher(),
                        new AccountUseRoutes(engine.graphProxy(), engine.accountTokens())),
                "/v1/accounts/*");
        add(
                context,
                prefix,
                "manual-connect",
                new ManualConnectServlet(json, keys, engine.manualConnect()),
                "/v1/accounts/connect");
        // Events and webhooks (docs/events.md)
        engine.events()
                .metaWebhooks()
                .ifPresent(meta -> add(
                        context,
                        prefix,
                        "instagram-webhooks",
                        new MetaWebhookServlet(json, meta, engine.events()),
                        "/v1/webhooks/instagram"));
        engine.events()
                .endpoints()
                .ifPresent(endpoints -> add(
                        context,
                        prefix,
                        "webhook-endpoints",
                        new WebhookEndpointsServlet(json, keys, endpoints),
                        "/v1/webhook-endpoints/*"));
        add(
                context,
                prefix,
                "audit-events",
                new AuditEventsServlet(json, keys, new AuditLog(store.events())),
                "/v1/audit-events");
        add(context, prefix, "not-found", new NotFoundServlet(json), "/v1/*");
        adminToken.ifPresent(token -> add(
                context,
                prefix,
                "admin-workspaces",
                new AdminWorkspacesServlet(json, engine.workspaces(), token),
                "/admin/v1/workspaces/*"));
        adminToken.ifPresent(token -> add(
                context,
                prefix,
                "admin-encryption",
                new AdminEncryptionServlet(json, engine.resealer(), token),
                "/admin/v1/encryption/*"));
    }

    private static void add(ServletContext context, String prefix, String name, Servlet servlet, String path) {
        ServletMount.mount(context, "plugkit" + prefix + ":" + name, servlet, prefix + path);
    }
}
