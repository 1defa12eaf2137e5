package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestKeys;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The plug-in point of optional modules ({@link PlugKitExtension}, today only the sandbox): sandbox mode
 * without a sandbox is refused before anything starts, a plugged-in sandbox is started with PlugKit's
 * configuration and mounted below its prefix through the same all-or-nothing mount as PlugKit's routes.
 */
class PlugKitExtensionTest {

    private static PlugKitConfig sandboxConfig() {
        return PlugKitConfig.builder()
                .publicUrl("http://127.0.0.1:8080/pk")
                .pathPrefix("/pk")
                .sandbox(true)
                .encryptionKey(TestKeys.ENCRYPTION_KEY)
                .refreshEnabled(false)
                .build();
    }

    @Test
    void sandboxModeWithoutTheSandboxModuleIsRefusedBeforeTheDatabaseIsTouched() {
        DataSource untouchable = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("the database must not be opened");
                });

        assertThatThrownBy(() -> PlugKit.builder()
                        .config(sandboxConfig())
                        .dataSource(untouchable)
                        .build())
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageStartingWith("plugkit.sandbox=true needs the plugkit-sandbox module: add"
                        + " co.plugkit:plugkit-sandbox and plug it in with"
                        + " PlugKit.builder().sandbox(new PlugKitSandbox())")
                .hasMessageContaining("PlugKitInitializer");
    }

    @Test
    void aSandboxIsStartedOnlyInSandboxModeWithPlugKitsConfigAndMountedBelowThePrefix() throws Exception {
        AtomicReference<PlugKitExtension.Context> seen = new AtomicReference<>();
        PlugKitExtension sandbox = context -> {
            seen.set(context);
            return mount -> mount.servlet("sandbox-hello", new Hello(), PlugKitConfig.SANDBOX_PATH + "/hello");
        };
        PlugKitConfig config = sandboxConfig();
        Map<String, String> mapped = new LinkedHashMap<>();

        try (PlugKit plugKit = PlugKit.builder()
                .config(config)
                .dataSource(PlugKitServer.h2InMemory())
                .clock(MutableClock.startingNow())
                .sandbox(sandbox)
                .build()) {
            assertThat(seen.get().config()).isSameAs(config);
            plugKit.register(context(mapped, Set.of()));
        }

        assertThat(mapped).containsEntry("plugkit/pk:sandbox-hello", "/pk/sandbox/instagram/hello");

        seen.set(null);
        PlugKitConfig instagramMode = PlugKitConfig.builder()
                .publicUrl("http://127.0.0.1:8080")
                .clientId("990602627938098")
                .clientSecret("s3cret-value")
                .encryptionKey(TestKeys.ENCRYPTION_KEY)
                .refreshEnabled(false)
                .build();
        Map<String, String> instagramRoutes = new LinkedHashMap<>();
        try (PlugKit plugKit = PlugKit.builder()
                .config(instagramMode)
                .dataSource(PlugKitServer.h2InMemory())
                .sandbox(sandbox)
                .build()) {
            plugKit.register(context(instagramRoutes, Set.of()));
        }
        assertThat(seen.get()).as("not started outside sandbox mode").isNull();
        assertThat(instagramRoutes.keySet()).noneMatch(name -> name.contains("sandbox"));
    }

    @Test
    void aSandboxRouteTheHostAlreadyMapsIsRefusedLikePlugKitsOwn() throws Exception {
        PlugKitExtension sandbox = context -> mount -> mount.servlet("sandbox-hello", new Hello(), "/sandbox/hello");

        try (PlugKit plugKit = PlugKit.builder()
                .config(sandboxConfig())
                .dataSource(PlugKitServer.h2InMemory())
                .sandbox(sandbox)
                .build()) {
            ServletContext context = context(new LinkedHashMap<>(), Set.of("/pk/sandbox/hello"));
            assertThatThrownBy(() -> plugKit.register(context))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PlugKit cannot map [/pk/sandbox/hello]");
        }
    }

    /** A servlet context that records each servlet's name and pattern; {@code taken} patterns are the host's. */
    private static ServletContext context(Map<String, String> mapped, Set<String> taken) {
        return (ServletContext) Proxy.newProxyInstance(
                ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getContextPath" -> "";
                    case "addServlet" -> {
                        yield registration((String) args[0], mapped, taken);
                    }
                    default -> null;
                });
    }

    private static ServletRegistration.Dynamic registration(
            String name, Map<String, String> mapped, Set<String> taken) {
        return (ServletRegistration.Dynamic) Proxy.newProxyInstance(
                ServletRegistration.Dynamic.class.getClassLoader(),
                new Class<?>[] {ServletRegistration.Dynamic.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "addMapping" -> {
                        String pattern = ((String[]) args[0])[0];
                        if (taken.contains(pattern)) {
                            yield Set.of(pattern);
                        }
                        mapped.put(name, pattern);
                        yield Set.of();
                    }
                    default -> null;
                });
    }

    private static final class Hello extends HttpServlet {}
}
