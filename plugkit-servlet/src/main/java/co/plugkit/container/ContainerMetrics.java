package co.plugkit.container;

import co.plugkit.PlugKit;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import jakarta.servlet.ServletContext;

/**
 * The metrics of a PlugKit mounted by {@link PlugKitInitializer} in a webapp that brings Micrometer. The
 * initializer runs before the webapp's own listeners, so it cannot be handed the webapp's registry;
 * instead it publishes a {@link CompositeMeterRegistry} as the context attribute
 * {@link PlugKitInitializer#METER_REGISTRY_ATTRIBUTE}, to which the webapp adds its registry (a
 * {@code PrometheusMeterRegistry}, say) whenever it likes: a composite passes on the meters it already
 * has.
 *
 * <p>Only this class names Micrometer's types here, and it is loaded only when Micrometer is on the class
 * path. Registries travel as {@code Object} through the classes that must load without it.
 */
final class ContainerMetrics {
    private ContainerMetrics() {}

    /** A new composite registry, as the {@code Object} the classes that load without Micrometer pass on. */
    static Object newRegistry() {
        return new CompositeMeterRegistry();
    }

    /** Shows the registry to the webapp, once PlugKit is mounted (a failed start leaves the context alone). */
    static void publish(ServletContext context, Object registry) {
        context.setAttribute(PlugKitInitializer.METER_REGISTRY_ATTRIBUTE, (MeterRegistry) registry);
    }

    /** HikariCP's own Micrometer tracker on the pool PlugKit opens: the {@code hikaricp.*} meters. */
    static void trackPool(HikariConfig pool, Object registry) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory((MeterRegistry) registry));
    }

    /** PlugKit's own {@code plugkit.*} meters. */
    static void measure(PlugKit.Builder builder, Object registry) {
        builder.meterRegistry((MeterRegistry) registry);
    }
}
