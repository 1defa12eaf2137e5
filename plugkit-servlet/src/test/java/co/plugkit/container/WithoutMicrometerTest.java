package co.plugkit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency (docs/metrics.md): a host that leaves it out — every WAR that does
 * not add it — must get a PlugKit that works. The test class path has Micrometer (PlugKit's metrics tests
 * need it), so this test runs {@link WithoutMicrometerProbe} in a class loader made of the same class
 * path without Micrometer's jars, whose parent is the platform loader: a class of PlugKit that named a
 * Micrometer type on its way would fail there with {@code NoClassDefFoundError}.
 */
class WithoutMicrometerTest {

    @Test
    void plugKitConnectsAndRefreshesWithNoMicrometerOnTheClassPath() throws Exception {
        List<URL> withoutMicrometer = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("micrometer")) {
                left.add(Path.of(entry).getFileName().toString());
            } else {
                withoutMicrometer.add(url(entry));
            }
        }
        assertThat(left).as("Micrometer's jars on the test class path").isNotEmpty();
        assertThat(withoutMicrometer).as("the rest").hasSizeGreaterThan(10);

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader isolated =
                new URLClassLoader(withoutMicrometer.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, isolated))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> probe = Class.forName(WithoutMicrometerProbe.class.getName(), true, isolated);
            assertThat(probe.getClassLoader()).isSameAs(isolated);
            thread.setContextClassLoader(isolated);
            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) probe.getMethod("run").invoke(null);

            assertThat(seen)
                    .containsExactly(
                            "builder: connected",
                            "builder refresh run: 0 attempted",
                            "initializer: connected",
                            "initializer meter registry attribute: null");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
