package co.plugkit.testing;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** Jetty 12 (ee10) with one {@link ServletContextHandler} per webapp. */
public final class EmbeddedJetty implements EmbeddedContainer {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();
    private final Map<String, ServletContextHandler> webapps = new LinkedHashMap<>();

    public EmbeddedJetty() {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(contexts);
        try {
            connector.open();
        } catch (Exception e) {
            throw new IllegalStateException("could not bind a loopback port", e);
        }
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void addWebapp(
            String contextPath, Map<String, String> initParameters, List<ServletContainerInitializer> initializers) {
        ServletContextHandler context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
        initParameters.forEach(context::setInitParameter);
        initializers.forEach(context::addServletContainerInitializer);
        contexts.addHandler(context);
        webapps.put(contextPath, context);
    }

    @Override
    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
    }

    @Override
    public boolean isAvailable(String contextPath) {
        ServletContextHandler context = webapps.get(contextPath);
        return context.isAvailable() && context.isStarted();
    }

    @Override
    public void stopWebapp(String contextPath) {
        try {
            webapps.get(contextPath).stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop " + contextPath, e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
