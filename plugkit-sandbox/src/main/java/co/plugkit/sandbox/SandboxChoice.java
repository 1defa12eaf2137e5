package co.plugkit.sandbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * A choice a person makes on a sandbox page (a response shape, a fault, a callback, an id): the value its
 * form sends and the text the page shows.
 */
interface SandboxChoice {

    /** The value the form or query parameter carries. */
    String param();

    /** What the page says of it. */
    String label();

    /** The constant of {@code type} named by a parameter value; empty for an unknown one. */
    static <E extends Enum<E> & SandboxChoice> Optional<E> fromParam(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.param().equals(value))
                .findFirst();
    }
}
