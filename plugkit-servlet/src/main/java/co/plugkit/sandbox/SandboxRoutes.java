package co.plugkit.sandbox;

import co.plugkit.PlugKitConfig;
import co.plugkit.web.ServletMount;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import java.util.Objects;

/**
 * Mounts the sandbox's thin servlets at {@code {prefix}/sandbox/instagram}: the authorization page, the
 * code exchange, the Graph token endpoints, {@code /{version}/me}, the accounts' pictures, and the
 * "Apps and websites" page from which the sandbox sends Meta's callbacks ({@code …/apps}).
 */
public final class SandboxRoutes {
    private final InstagramSandbox sandbox;
    private final SandboxMeta meta;
    private final ObjectMapper json;

    /**
     * @param sandbox the sandbox's engine
     * @param meta the sandbox playing Meta, for the callbacks page
     * @param json writes the sandbox's JSON answers
     */
    public SandboxRoutes(InstagramSandbox sandbox, SandboxMeta meta, ObjectMapper json) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.meta = Objects.requireNonNull(meta, "meta");
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * Registers the sandbox's servlets; call it while the context initialises.
     *
     * @param prefix {@code ""} for the context root, else a path such as {@code /plugkit}
     */
    public void register(ServletContext context, String prefix) {
        String base = prefix + PlugKitConfig.SANDBOX_PATH;
        add(
                context,
                prefix,
                "authorize",
                new SandboxAuthorizeServlet(sandbox, new AuthorizePage()),
                base + "/oauth/authorize");
        add(
                context,
                prefix,
                "code-exchange",
                new SandboxJsonServlet(json, sandbox::exchangeCode),
                base + "/oauth/access_token");
        add(
                context,
                prefix,
                "long-lived",
                new SandboxJsonServlet(json, sandbox::exchangeForLongLived),
                base + "/access_token");
        add(context, prefix, "refresh", new SandboxJsonServlet(json, sandbox::refresh), base + "/refresh_access_token");
        // An exact mapping: it wins over the Graph servlet's "/*" below.
        add(
                context,
                prefix,
                "apps",
                new SandboxAppsServlet(meta, new SandboxFormGuard(), new AppsPage()),
                base + "/apps");
        add(context, prefix, "pictures", new SandboxPictureServlet(), base + "/pictures/*");
        add(context, prefix, "graph", new SandboxGraphServlet(json, sandbox), base + "/*");
    }

    private static void add(ServletContext context, String prefix, String name, Servlet servlet, String path) {
        ServletMount.mount(context, "plugkit" + prefix + ":sandbox-" + name, servlet, path);
    }
}
