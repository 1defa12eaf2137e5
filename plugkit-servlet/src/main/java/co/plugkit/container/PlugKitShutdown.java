package co.plugkit.container;

import co.plugkit.PlugKit;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Added by {@link PlugKitInitializer}: when the webapp stops, closes PlugKit and then the pool it
 * opened, so no PlugKit thread outlives the webapp.
 */
final class PlugKitShutdown implements ServletContextListener {
    private static final Logger LOG = LoggerFactory.getLogger(PlugKitShutdown.class);

    private final PlugKit plugKit;
    private final ContainerDatabase database;
    private final String webapp;

    PlugKitShutdown(PlugKit plugKit, ContainerDatabase database, String webapp) {
        this.plugKit = Objects.requireNonNull(plugKit, "plugKit");
        this.database = Objects.requireNonNull(database, "database");
        this.webapp = Objects.requireNonNull(webapp, "webapp");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        try {
            plugKit.close();
        } finally {
            database.close();
        }
        LOG.info("PlugKit stopped in webapp '{}'", webapp);
    }
}
