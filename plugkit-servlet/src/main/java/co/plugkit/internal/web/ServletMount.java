package co.plugkit.internal.web;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Set;

/**
 * Adds one of PlugKit's servlets to a context, all or nothing. The servlet API reports a clash quietly —
 * {@code addServlet} answers null for a name already taken, {@code addMapping} answers the patterns
 * another servlet already holds and leaves them with it — so without these checks PlugKit would start
 * with a route silently answered by the host's servlet.
 */
public final class ServletMount {
    private ServletMount() {}

    /**
     * Registers {@code servlet} as {@code name} at {@code pattern}, loaded on start-up.
     *
     * @throws IllegalStateException if the name is taken (PlugKit mounted twice at one prefix) or another
     *     servlet of the webapp already maps {@code pattern}
     */
    public static void mount(ServletContext context, String name, Servlet servlet, String pattern) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        if (registration == null) {
            throw new IllegalStateException(
                    "PlugKit is already registered in this context (a servlet named '" + name + "' exists)");
        }
        Set<String> taken = registration.addMapping(pattern);
        if (!taken.isEmpty()) {
            throw new IllegalStateException("PlugKit cannot map " + taken + ": another servlet of the webapp"
                    + " already maps it. Mount PlugKit under another path prefix (plugkit.pathPrefix).");
        }
        registration.setLoadOnStartup(1);
    }
}
