package co.plugkit.id;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The shape shared by every PlugKit id: a type prefix such as {@code prof_}, then lowercase letters and
 * digits. New ids carry 96 random bits, so they cannot be guessed or enumerated.
 */
final class IdFormat {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final String prefix;
    private final Pattern pattern;

    IdFormat(String prefix) {
        this.prefix = prefix;
        this.pattern = Pattern.compile(Pattern.quote(prefix) + "[0-9a-z]{1,40}");
    }

    String random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + HEX.formatHex(bytes);
    }

    String require(String value) {
        Objects.requireNonNull(value, "id");
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + prefix + "… id");
        }
        return value;
    }

    <T> Optional<T> parse(String value, Function<String, T> constructor) {
        return value != null && pattern.matcher(value).matches()
                ? Optional.of(constructor.apply(value))
                : Optional.empty();
    }
}
