package co.plugkit.testing;

import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;

/**
 * Tomcat 11, embedded, with JNDI enabled, one {@link Context} per webapp. The port is bound by
 * {@code init()}, before webapps are added.
 */
public final class EmbeddedTomcat implements EmbeddedContainer {
    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;
    private final Map<String, Context> webapps = new LinkedHashMap<>();
    private final Map<String, ContextResource> pendingResources = new LinkedHashMap<>();
    private final List<String> leakWarnings = new CopyOnWriteArrayList<>();
    private final Logger leakLogger = Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");
    private final Handler leakHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().contains("memory leak")) {
                leakWarnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    public EmbeddedTomcat() {
        try {
            baseDir = Files.createTempDirectory("plugkit-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.enableNaming();
        leakLogger.addHandler(leakHandler);
        try {
            tomcat.init();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not initialise", e);
        }
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
    }

    /**
     * Declares a container-managed {@code DataSource} at {@code java:comp/env/<name>} for the next webapp
     * added, as a {@code <Resource>} in a Tomcat context descriptor would.
     */
    public void addResourceForNextWebapp(String name, String type, Map<String, String> properties) {
        ContextResource resource = new ContextResource();
        resource.setName(name);
        resource.setType(type);
        resource.setAuth("Container");
        properties.forEach(resource::setProperty);
        pendingResources.put(name, resource);
    }

    @Override
    public void addWebapp(
            String contextPath, Map<String, String> initParameters, List<ServletContainerInitializer> initializers) {
        Path docBase = baseDir.resolve("webapp" + contextPath.replace('/', '-'));
        try {
            Files.createDirectories(docBase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Context context = tomcat.addContext(contextPath, docBase.toString());
        initParameters.forEach(context::addParameter);
        initializers.forEach(initializer -> context.addServletContainerInitializer(initializer, null));
        pendingResources.values().forEach(context.getNamingResources()::addResource);
        pendingResources.clear();
        webapps.put(contextPath, context);
    }

    @Override
    public void start() {
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
    }

    @Override
    public boolean isAvailable(String contextPath) {
        Context context = webapps.get(contextPath);
        return context.getState() == LifecycleState.STARTED
                && context.getState().isAvailable();
    }

    @Override
    public void stopWebapp(String contextPath) {
        try {
            webapps.get(contextPath).stop();
        } catch (LifecycleException e) {
            throw new IllegalStateException("could not stop " + contextPath, e);
        }
    }

    /** What Tomcat's leak detection reported when webapps stopped ("… failed to stop it …"). */
    public List<String> leakWarnings() {
        return List.copyOf(leakWarnings);
    }

    @Override
    public void close() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            leakLogger.removeHandler(leakHandler);
        }
    }
}
