package co.plugkit.container;

import co.plugkit.ConfigSource;
import co.plugkit.PlugKit;
import co.plugkit.PlugKitConfig;
import co.plugkit.PlugKitEventListener;
import co.plugkit.secret.JdbcUrls;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts PlugKit in a webapp that configures it, with no code: the container finds this initializer in
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer} of the PlugKit jar.
 *
 * <p>Settings are read as {@link ContainerSettings} says (environment variable, then context
 * init-parameter, then {@code plugkit.properties}, then the default). When none of
 * {@link ContainerSettings#TRIGGERS} is set, nothing is mounted and one INFO line says why. When PlugKit
 * is asked for but a setting is missing or invalid, or its database does not open, one ERROR line names
 * the problem and the webapp fails to start, as with any broken configuration.
 *
 * <p>The database is the container's {@code DataSource} at {@code plugkit.db.jndi}, or a small HikariCP
 * pool opened from {@code plugkit.db.url}. A listener added to the context closes PlugKit and that pool
 * when the webapp stops. Nothing is kept in static fields.
 */
public final class PlugKitInitializer implements ServletContainerInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(PlugKitInitializer.class);

    /**
     * The context attribute that holds PlugKit's Micrometer registry, when the webapp brings Micrometer
     * ({@code io.micrometer:micrometer-core}): a {@code CompositeMeterRegistry} with PlugKit's and its
     * pool's meters, to which the webapp adds its own registry, e.g. from a {@code ServletContextListener}
     * (docs/metrics.md). Absent when Micrometer is not on the class path.
     */
    public static final String METER_REGISTRY_ATTRIBUTE = "co.plugkit.meterRegistry";

    private final Map<String, String> environment;

    /** The initializer the container uses: it reads the process environment. */
    public PlugKitInitializer() {
        this(System.getenv());
    }

    /** An initializer that reads {@code environment} instead of the process's (tests, embedding). */
    public PlugKitInitializer(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        String webapp = name(context);
        ConfigSource settings = ContainerSettings.of(environment, context);
        if (!ContainerSettings.asksForPlugKit(settings)) {
            LOG.info(
                    "PlugKit is not mounted in webapp '{}': none of {} is set as an environment variable, a"
                            + " context-param or in {}",
                    webapp,
                    ContainerSettings.TRIGGERS,
                    ContainerSettings.PROPERTIES_FILE);
            return;
        }
        Optional<ContainerDatabase> database = Optional.empty();
        try {
            PlugKitConfig config = PlugKitConfig.builder().from(settings).build();
            Optional<Object> meters =
                    micrometerPresent() ? Optional.of(ContainerMetrics.newRegistry()) : Optional.empty();
            database = Optional.of(ContainerDatabase.open(config, poolName(context), context.getClassLoader(), meters));
            PlugKit.Builder builder =
                    PlugKit.builder().config(config).dataSource(database.get().dataSource());
            meters.ifPresent(registry -> ContainerMetrics.measure(builder, registry));
            // A WAR configured by web.xml has no code to register listeners with: it lists them as services.
            for (PlugKitEventListener listener :
                    ServiceLoader.load(PlugKitEventListener.class, context.getClassLoader())) {
                builder.listener(listener);
                LOG.info(
                        "PlugKit in webapp '{}' calls the event listener {}",
                        webapp,
                        listener.getClass().getName());
            }
            PlugKit plugKit = builder.build();
            plugKit.register(context);
            meters.ifPresent(registry -> ContainerMetrics.publish(context, registry));
            context.addListener(new PlugKitShutdown(plugKit, database.get(), webapp));
            LOG.info(
                    "PlugKit in webapp '{}' uses the {}", webapp, database.get().description());
        } catch (RuntimeException e) {
            database.ifPresent(ContainerDatabase::close);
            // Our exceptions never carry a secret value; a driver's or Flyway's might repeat the JDBC URL,
            // whose parameters may hold a password, so the URL is cut to its host part wherever it appears.
            String message = redactDatabaseUrl(String.valueOf(e.getMessage()), settings);
            LOG.error("PlugKit could not start in webapp '{}': {}", webapp, message);
            throw new ServletException("PlugKit could not start in webapp '" + webapp + "': " + message, e);
        }
    }

    /** Whether Micrometer can be loaded where PlugKit's classes are; none of its classes is loaded here. */
    private static boolean micrometerPresent() {
        try {
            Class.forName(
                    "io.micrometer.core.instrument.MeterRegistry", false, PlugKitInitializer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String redactDatabaseUrl(String message, ConfigSource settings) {
        return settings.get("plugkit.db.url")
                .map(url -> message.replace(url, JdbcUrls.withoutParameters(url)))
                .orElse(message);
    }

    private static String name(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** {@code plugkit-shop} for the webapp at {@code /shop}: names the pool's threads after the webapp. */
    static String poolName(ServletContext context) {
        String path = context.getContextPath();
        String suffix =
                path == null || path.isEmpty() ? "ROOT" : path.substring(1).replaceAll("[^A-Za-z0-9_.-]", "-");
        return "plugkit-" + suffix;
    }
}
