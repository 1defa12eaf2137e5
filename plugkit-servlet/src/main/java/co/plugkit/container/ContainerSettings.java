package co.plugkit.container;

import co.plugkit.ConfigSource;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Where a webapp's PlugKit settings come from, in this order, the first that has a value winning:
 * <ol>
 *   <li>an environment variable ({@code PLUGKIT_INSTAGRAM_CLIENT_SECRET} for
 *       {@code plugkit.instagram.clientSecret}),</li>
 *   <li>a servlet context init-parameter ({@code <context-param>} in {@code web.xml}, or Tomcat's
 *       {@code <Parameter>} in a context descriptor),</li>
 *   <li>{@value #PROPERTIES_FILE} at the root of the webapp's classpath ({@code WEB-INF/classes}),</li>
 *   <li>the default of the setting.</li>
 * </ol>
 */
public final class ContainerSettings {
    /** The properties file looked up on the webapp's class loader. */
    public static final String PROPERTIES_FILE = "plugkit.properties";

    /**
     * The settings any one of which asks for PlugKit to be mounted. With none of them set anywhere,
     * the initializer mounts nothing.
     */
    public static final List<String> TRIGGERS = List.of(
            "plugkit.publicUrl",
            "plugkit.instagram.clientId",
            "plugkit.instagram.clientSecret",
            "plugkit.db.url",
            "plugkit.db.jndi",
            "plugkit.sandbox");

    private ContainerSettings() {}

    /** The sources of a servlet context, in the documented order. */
    public static ConfigSource of(Map<String, String> environment, ServletContext context) {
        Objects.requireNonNull(context, "context");
        return of(environment, context::getInitParameter, context.getClassLoader());
    }

    /**
     * The sources in the documented order: environment, init-parameters (looked up by property name),
     * then {@value #PROPERTIES_FILE} from {@code classLoader} if it has one.
     */
    public static ConfigSource of(
            Map<String, String> environment, UnaryOperator<String> initParameters, ClassLoader classLoader) {
        Objects.requireNonNull(initParameters, "initParameters");
        ConfigSource params = property -> Optional.ofNullable(initParameters.apply(property))
                .filter(v -> !v.isBlank())
                .map(String::strip);
        return ConfigSource.environment(environment).or(params).or(ConfigSource.properties(load(classLoader)));
    }

    /** Whether any {@link #TRIGGERS trigger} has a value in {@code source}. */
    public static boolean asksForPlugKit(ConfigSource source) {
        return TRIGGERS.stream().anyMatch(p -> source.get(p).isPresent());
    }

    private static Properties load(ClassLoader classLoader) {
        Properties properties = new Properties();
        if (classLoader == null) {
            return properties;
        }
        try (InputStream in = classLoader.getResourceAsStream(PROPERTIES_FILE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + PROPERTIES_FILE, e);
        }
        return properties;
    }
}
