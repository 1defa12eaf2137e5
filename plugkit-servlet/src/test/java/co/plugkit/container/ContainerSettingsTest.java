package co.plugkit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.ConfigSource;
import co.plugkit.testing.TestKeys;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerSettingsTest {
    @TempDir
    Path classes;

    @Test
    void environmentWinsOverInitParameterWhichWinsOverThePropertiesFile() throws IOException {
        Files.writeString(classes.resolve("plugkit.properties"), """
                plugkit.publicUrl=https://from-file.example
                plugkit.instagram.clientId=from-file
                plugkit.instagram.graphVersion=v1.0
                """);
        Map<String, String> params = Map.of(
                "plugkit.publicUrl", "https://from-param.example",
                "plugkit.instagram.clientId", "from-param");
        Map<String, String> env = Map.of("PLUGKIT_INSTAGRAM_CLIENT_ID", "from-env");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            ConfigSource source = ContainerSettings.of(env, params::get, loader);

            assertThat(source.get("plugkit.instagram.clientId")).contains("from-env");
            assertThat(source.get("plugkit.publicUrl")).contains("https://from-param.example");
            assertThat(source.get("plugkit.instagram.graphVersion")).contains("v1.0");
            assertThat(source.get("plugkit.adminToken")).isEmpty();
        }
    }

    @Test
    void blankValuesAndAMissingFileCountAsAbsent() {
        ConfigSource source = ContainerSettings.of(Map.of("PLUGKIT_PUBLIC_URL", " "), name -> " ", null);

        assertThat(source.get("plugkit.publicUrl")).isEmpty();
        assertThat(ContainerSettings.asksForPlugKit(source)).isFalse();
    }

    @Test
    void anyTriggerAsksForPlugKit() {
        assertThat(ContainerSettings.asksForPlugKit(ConfigSource.map(Map.of("plugkit.db.jndi", "java:comp/env/x"))))
                .isTrue();
        assertThat(ContainerSettings.asksForPlugKit(ConfigSource.map(Map.of("plugkit.adminToken", "x"))))
                .isFalse();
    }

    @Test
    void theContainerFindsTheInitializerThroughTheServiceFile() {
        assertThat(ServiceLoader.load(ServletContainerInitializer.class).stream()
                        .map(ServiceLoader.Provider::type))
                .contains(PlugKitInitializer.class);
    }

    @Test
    void anUnconfiguredWebappGetsNothing() throws ServletException {
        List<String> calls = new ArrayList<>();
        new PlugKitInitializer(Map.of()).onStartup(Set.of(), context(Map.of(), calls));

        assertThat(calls).isEmpty();
    }

    @Test
    void aBrokenConfigurationFailsTheWebappNamingTheSettingButNoSecret() {
        Map<String, String> params = Map.of(
                "plugkit.publicUrl", "https://app.example/shop/plugkit",
                "plugkit.instagram.clientId", "990602627938098",
                "plugkit.db.url", "jdbc:h2:mem:unused",
                "plugkit.encryptionKey", TestKeys.ENCRYPTION_KEY);
        Map<String, String> env = Map.of("PLUGKIT_ADMIN_TOKEN", "very-secret-admin-token");
        List<String> calls = new ArrayList<>();

        assertThatThrownBy(() -> new PlugKitInitializer(env).onStartup(Set.of(), context(params, calls)))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("plugkit.instagram.clientSecret")
                .hasMessageContaining("PLUGKIT_INSTAGRAM_CLIENT_SECRET")
                .hasMessageNotContaining("very-secret-admin-token");
        assertThat(calls).isEmpty();
    }

    @Test
    void aDatabaseIsRequired() {
        Map<String, String> params = Map.of(
                "plugkit.publicUrl", "https://app.example/shop/plugkit",
                "plugkit.instagram.clientId", "990602627938098",
                "plugkit.instagram.clientSecret", "s3cret-value",
                "plugkit.encryptionKey", TestKeys.ENCRYPTION_KEY);

        assertThatThrownBy(
                        () -> new PlugKitInitializer(Map.of()).onStartup(Set.of(), context(params, new ArrayList<>())))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("plugkit.db.jndi")
                .hasMessageContaining("plugkit.db.url")
                .hasMessageNotContaining("s3cret-value");
    }

    @Test
    void sandboxModeIsRefusedForTheInitializerNeverPlugsInTheSandboxModule() {
        Map<String, String> params = Map.of(
                "plugkit.publicUrl", "https://app.example/shop/plugkit",
                "plugkit.sandbox", "true",
                "plugkit.db.url", "jdbc:h2:mem:unused",
                "plugkit.encryptionKey", TestKeys.ENCRYPTION_KEY);
        List<String> calls = new ArrayList<>();

        assertThatThrownBy(() -> new PlugKitInitializer(Map.of()).onStartup(Set.of(), context(params, calls)))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("PlugKit could not start in webapp '/shop': plugkit.sandbox=true needs the"
                        + " plugkit-sandbox module: add co.plugkit:plugkit-sandbox");
        assertThat(calls).isEmpty();
    }

    /** A servlet context with these init-parameters at /shop that records every registration attempt. */
    private static ServletContext context(Map<String, String> params, List<String> calls) {
        return (ServletContext) Proxy.newProxyInstance(
                ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getInitParameter" -> params.get((String) args[0]);
                    case "getContextPath" -> "/shop";
                    case "getClassLoader" -> null;
                    default -> {
                        calls.add(method.getName());
                        yield null;
                    }
                });
    }
}
