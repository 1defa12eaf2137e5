package co.plugkit.sandbox;

import java.util.Optional;

/**
 * The two shapes of the code exchange's answer (instagram-protocol.md §4), chosen on the authorization
 * page or with the {@code sandbox_shape} query parameter.
 */
public enum SandboxShape implements SandboxChoice {
    /** As observed in production: flat, {@code user_id} a 17-digit JSON number, {@code permissions} an array. */
    FLAT("flat", "Flat (as observed in production)"),
    /** As documented: wrapped in {@code data[]}, {@code user_id} a string, {@code permissions} comma-separated. */
    DATA("data", "data[] (as documented)");

    private final String param;
    private final String label;

    SandboxShape(String param, String label) {
        this.param = param;
        this.label = label;
    }

    /** The value of the {@code sandbox_shape} parameter. */
    @Override
    public String param() {
        return param;
    }

    /** What the authorization page says of it. */
    @Override
    public String label() {
        return label;
    }

    /** The shape named by a parameter value; empty for an unknown one. */
    public static Optional<SandboxShape> fromParam(String value) {
        return SandboxChoice.fromParam(SandboxShape.class, value);
    }
}
