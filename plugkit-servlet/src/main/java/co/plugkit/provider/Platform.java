package co.plugkit.provider;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A platform accounts are connected from, by the name PlugKit stores on each account and uses in its
 * routes ({@code /v1/connect/{name}}): lowercase letters, digits and dashes, at most 20 characters.
 */
public record Platform(String name) {
    // before INSTAGRAM: the constructor of that constant reads it
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");

    /** Instagram (API with Instagram Login): PlugKit's own provider. */
    public static final Platform INSTAGRAM = new Platform("instagram");

    public Platform {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a platform name is 1 to 20 lowercase letters, digits or dashes");
        }
    }

    /** The platform of this name, if it is one; the API's {@code INSTAGRAM} reads as {@code instagram}. */
    public static Optional<Platform> parse(String text) {
        String name = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        return NAME.matcher(name).matches() ? Optional.of(new Platform(name)) : Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
