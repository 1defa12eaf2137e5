package co.plugkit.testing;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A real servlet container (embedded Tomcat or Jetty) on a loopback port, bound before any webapp is
 * added so that webapps can be configured with their public URL. Each webapp is a context path, its
 * init-parameters (as {@code <context-param>}s in a {@code web.xml} would give them) and the
 * initializers the container runs for it.
 */
public interface EmbeddedContainer extends AutoCloseable {

    /** {@code http://127.0.0.1:<port>}, without a context path. */
    URI baseUrl();

    /** Adds a webapp; call before {@link #start()}. {@code contextPath} is {@code ""} or {@code /name}. */
    void addWebapp(
            String contextPath, Map<String, String> initParameters, List<ServletContainerInitializer> initializers);

    /** Starts the container and every webapp. */
    void start();

    /** Whether the webapp at {@code contextPath} started (a failing initializer leaves it unavailable). */
    boolean isAvailable(String contextPath);

    /** Stops one webapp while the container keeps running, as an undeployment does. */
    void stopWebapp(String contextPath);

    /** The host application's own page, mapped at {@code /hello} in every webapp by {@link #hostApp()}. */
    static ServletContainerInitializer hostApp() {
        return (classes, context) ->
                context.addServlet("host-hello", new HostHelloServlet()).addMapping("/hello");
    }
}
