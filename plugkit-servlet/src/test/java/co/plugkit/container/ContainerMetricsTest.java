package co.plugkit.container;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.EmbeddedContainer;
import co.plugkit.testing.EmbeddedJetty;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A webapp configured by context-params (no code builds PlugKit) that brings Micrometer: as docs/metrics.md
 * tells it, its own listener adds its registry to the one {@link PlugKitInitializer} published, and gets
 * PlugKit's meters and those of the pool PlugKit opened.
 */
class ContainerMetricsTest {
    private MutableClock clock;
    private FakeInstagram instagram;
    private EmbeddedContainer container;
    private final SimpleMeterRegistry webappRegistry = new SimpleMeterRegistry();

    /** What a webapp's own listener does; listeners run after every initializer, PlugKit's included. */
    private final class AddOurRegistry implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            Object published = event.getServletContext().getAttribute(PlugKitInitializer.METER_REGISTRY_ATTRIBUTE);
            ((CompositeMeterRegistry) published).add(webappRegistry);
        }
    }

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        container = new EmbeddedJetty();
    }

    @AfterEach
    void stop() throws Exception {
        container.close();
        instagram.close();
    }

    @Test
    void theWebappsRegistryGetsPlugKitsAndThePoolsMeters() {
        String base = container.baseUrl() + "/crm";
        container.addWebapp(
                "/crm",
                instagram.webappSettings(base + "/plugkit", EmbeddedContainerContract.BOOTSTRAP_KEY),
                List.of(
                        new PlugKitInitializer(FakeInstagram.SECRET_ENVIRONMENT),
                        (classes, context) -> context.addListener(new AddOurRegistry())));
        container.start();

        ApiClient client = new ApiClient(URI.create(base + "/plugkit"), EmbeddedContainerContract.BOOTSTRAP_KEY);
        assertThat(client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty())
                        .body())
                .contains("is connected");

        assertThat(webappRegistry
                        .get("plugkit.connect.completed")
                        .tag("platform", "instagram")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(webappRegistry
                        .get("plugkit.instagram.requests")
                        .tag("endpoint", "/oauth/access_token")
                        .timer()
                        .count())
                .isEqualTo(1);
        // HikariCP's own meters, named after the pool (the webapp's), with connections handed out.
        assertThat(webappRegistry
                        .get("hikaricp.connections.max")
                        .tag("pool", "plugkit-crm")
                        .gauge()
                        .value())
                .isEqualTo(5);
        assertThat(webappRegistry
                        .get("hikaricp.connections.usage")
                        .tag("pool", "plugkit-crm")
                        .timer()
                        .count())
                .isPositive();
    }
}
