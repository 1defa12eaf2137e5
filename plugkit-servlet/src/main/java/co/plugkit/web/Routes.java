package co.plugkit.web;

import co.plugkit.engine.Accounts;
import co.plugkit.engine.ApiKeys;
import co.plugkit.engine.ConnectFlow;
import co.plugkit.engine.Profiles;
import co.plugkit.engine.TokenRefresher;
import co.plugkit.engine.Workspaces;
import co.plugkit.secret.Secret;
import co.plugkit.store.PlugKitStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
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
    private final ApiKeys apiKeys;
    private final Profiles profiles;
    private final Accounts accounts;
    private final ConnectFlow connectFlow;
    private final TokenRefresher refresher;
    private final Workspaces workspaces;
    private final Optional<Secret> adminToken;

    public Routes(ObjectMapper json, PlugKitStore store, ApiKeys apiKeys, Profiles profiles, Accounts accounts,
            ConnectFlow connectFlow, TokenRefresher refresher, Workspaces workspaces, Optional<Secret> adminToken) {
        this.json = Objects.requireNonNull(json);
        this.store = Objects.requireNonNull(store);
        this.apiKeys = Objects.requireNonNull(apiKeys);
        this.profiles = Objects.requireNonNull(profiles);
        this.accounts = Objects.requireNonNull(accounts);
        this.connectFlow = Objects.requireNonNull(connectFlow);
        this.refresher = Objects.requireNonNull(refresher);
        this.workspaces = Objects.requireNonNull(workspaces);
        this.adminToken = Objects.requireNonNull(adminToken);
    }

    /**
     * Registers every route. Call it while the context is being initialised (from a
     * {@code ServletContainerInitializer} or a declared {@code ServletContextListener}).
     *
     * @param prefix {@code ""} for the context root, else a path such as {@code /plugkit}
     */
    public void register(ServletContext context, String prefix) {
        add(context, prefix, "health", new HealthServlet(json, store), "/v1/health");
        add(context, prefix, "api-keys", new ApiKeysServlet(json, apiKeys), "/v1/api-keys/*");
        add(context, prefix, "profiles", new ProfilesServlet(json, apiKeys, profiles), "/v1/profiles/*");
        add(context, prefix, "connect", new ConnectServlet(json, apiKeys, connectFlow), "/v1/connect/instagram");
        add(context, prefix, "callback", new CallbackServlet(connectFlow, new CallbackPage(json)),
                "/v1/connect/instagram/callback");
        add(context, prefix, "accounts", new AccountsServlet(json, apiKeys, accounts, refresher), "/v1/accounts/*");
        add(context, prefix, "not-found", new NotFoundServlet(json), "/v1/*");
        adminToken.ifPresent(token -> add(context, prefix, "admin-workspaces",
                new AdminWorkspacesServlet(json, workspaces, token), "/admin/v1/workspaces/*"));
    }

    private static void add(ServletContext context, String prefix, String name, Servlet servlet, String path) {
        ServletRegistration.Dynamic registration = context.addServlet("plugkit" + prefix + ":" + name, servlet);
        if (registration == null) {
            throw new IllegalStateException("PlugKit is already registered at '" + prefix + "' in this context");
        }
        registration.addMapping(prefix + path);
        registration.setLoadOnStartup(1);
    }
}
