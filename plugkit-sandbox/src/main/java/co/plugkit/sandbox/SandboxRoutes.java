package co.plugkit.sandbox;

import co.plugkit.PlugKitConfig;
import co.plugkit.PlugKitExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import java.util.Objects;

/**
 * Mounts the sandbox's thin servlets at {@code {prefix}/sandbox/instagram}: the authorization page, the
 * code exchange, the Graph token endpoints, {@code /{version}/me}, the accounts' pictures, and the
 * "Apps and websites" page from which the sandbox sends Meta's callbacks and webhooks ({@code …/apps}).
 */
public final class SandboxRoutes implements PlugKitExtension.Routes {
    private final InstagramSandbox sandbox;
    private final SandboxMeta meta;
    private final SandboxWebhooks webhooks;
    private final ObjectMapper json;

    /**
     * @param sandbox the sandbox's engine
     * @param meta the sandbox playing Meta's callbacks, for the apps page
     * @param webhooks the sandbox playing Meta's webhooks, for the apps page
     * @param json writes the sandbox's JSON answers
     */
    public SandboxRoutes(InstagramSandbox sandbox, SandboxMeta meta, SandboxWebhooks webhooks, ObjectMapper json) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.meta = Objects.requireNonNull(meta, "meta");
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Adds the sandbox's servlets below PlugKit's prefix; PlugKit calls it while the context initialises. */
    @Override
    public void register(PlugKitExtension.Mount mount) {
        String base = PlugKitConfig.SANDBOX_PATH;
        add(mount, "authorize", new SandboxAuthorizeServlet(sandbox, new AuthorizePage()), base + "/oauth/authorize");
        add(mount, "code-exchange", new SandboxJsonServlet(json, sandbox::exchangeCode), base + "/oauth/access_token");
        add(mount, "long-lived", new SandboxJsonServlet(json, sandbox::exchangeForLongLived), base + "/access_token");
        add(mount, "refresh", new SandboxJsonServlet(json, sandbox::refresh), base + "/refresh_access_token");
        // An exact mapping: it wins over the Graph servlet's "/*" below.
        add(
                mount,
                "apps",
                new SandboxAppsServlet(meta, webhooks, new SandboxFormGuard(), new AppsPage()),
                base + "/apps");
        add(mount, "pictures", new SandboxPictureServlet(), base + "/pictures/*");
        add(mount, "graph", new SandboxGraphServlet(json, sandbox), base + "/*");
    }

    private static void add(PlugKitExtension.Mount mount, String name, Servlet servlet, String path) {
        mount.servlet("sandbox-" + name, servlet, path);
    }
}
