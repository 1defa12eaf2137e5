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

    /** A new composite registry, published in {@code context}; returned as the {@code Object} others pass on. */
    static Object publish(ServletContext context) {
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        context.setAttribute(PlugKitInitializer.METER_REGISTRY_ATTRIBUTE, registry);
        return registry;
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
