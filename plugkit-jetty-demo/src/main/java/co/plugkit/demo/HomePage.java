package co.plugkit.demo;

import co.plugkit.PlugKitConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import java.net.URI;

/**
 * Mounts the demo's home page at the context root: {@code /} (the page), {@code /demo/app.js},
 * {@code /demo/try-api.js} (the "Try the API" panel), {@code /demo/webhooks.js} (the webhook receiver's panel),
 * {@code /demo/app.css}, {@code /demo/messages.js}, {@code /demo/favicon.svg} and {@code /demo/session}. The
 * page talks to PlugKit only through its public API.
 */
final class HomePage {
    private HomePage() {}

    static void register(ServletContext context, PlugKitConfig config, FirstKeyOffer offer) {
        URI publicUrl = config.publicUrl();
        String origin = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
        add(context, "home", new StaticAssetServlet("index.html", "text/html;charset=utf-8"), "");
        add(context, "app-js", new StaticAssetServlet("app.js", "text/javascript;charset=utf-8"), "/demo/app.js");
        add(
                context,
                "connect-status-js",
                new StaticAssetServlet("connect-status.js", "text/javascript;charset=utf-8"),
                "/demo/connect-status.js");
        add(
                context,
                "try-api-js",
                new StaticAssetServlet("try-api.js", "text/javascript;charset=utf-8"),
                "/demo/try-api.js");
        add(
                context,
                "webhooks-js",
                new StaticAssetServlet("webhooks.js", "text/javascript;charset=utf-8"),
                "/demo/webhooks.js");
        add(context, "app-css", new StaticAssetServlet("app.css", "text/css;charset=utf-8"), "/demo/app.css");
        add(
                context,
                "messages-js",
                new StaticAssetServlet("messages.js", "text/javascript;charset=utf-8"),
                "/demo/messages.js");
        add(context, "favicon", new StaticAssetServlet("favicon.svg", "image/svg+xml"), "/demo/favicon.svg");
        add(
                context,
                "session",
                new DemoSessionServlet(new ObjectMapper(), offer, config.pathPrefix(), origin, config.sandbox()),
                "/demo/session");
    }

    private static void add(ServletContext context, String name, Servlet servlet, String path) {
        context.addServlet("demo:" + name, servlet).addMapping(path);
    }
}
