package co.plugkit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where configuration values come from, looked up by their property name (for example
 * {@code plugkit.instagram.clientId}). Sources combine with {@link #or(ConfigSource)}: the first one
 * that has a value wins.
 */
@FunctionalInterface
public interface ConfigSource {

    /** The value of a property, or empty; blank values count as absent. */
    Optional<String> get(String property);

    /** This source, falling back to {@code other} where this one has no value. */
    default ConfigSource or(ConfigSource other) {
        Objects.requireNonNull(other, "other");
        return property -> get(property).or(() -> other.get(property));
    }

    /**
     * Environment variables, named after the property: {@code plugkit.instagram.clientId} is read
     * from {@code PLUGKIT_INSTAGRAM_CLIENT_ID}.
     */
    static ConfigSource environment(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return property -> nonBlank(copy.get(environmentName(property)));
    }

    /** A properties file or a {@code Properties} object, keyed by the property names. */
    static ConfigSource properties(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return property -> nonBlank(copy.getProperty(property));
    }

    /** A plain map keyed by property names (servlet context init-params, tests). */
    static ConfigSource map(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return property -> nonBlank(copy.get(property));
    }

    /** The environment variable that carries a property: dots become underscores, camelCase words split. */
    static String environmentName(String property) {
        StringBuilder name = new StringBuilder();
        for (char c : property.toCharArray()) {
            if (c == '.') {
                name.append('_');
            } else if (Character.isUpperCase(c)) {
                name.append('_').append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
