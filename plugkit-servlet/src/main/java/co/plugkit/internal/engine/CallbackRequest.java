package co.plugkit.internal.engine;

import java.util.Optional;

/** What Instagram's redirect brought back, as query parameters. The code is a secret: never print it. */
public record CallbackRequest(
        Optional<String> state,
        Optional<String> code,
        Optional<String> error,
        Optional<String> errorReason,
        Optional<String> errorDescription) {

    /** A redirect without {@code error_description}. */
    public CallbackRequest(
            Optional<String> state, Optional<String> code, Optional<String> error, Optional<String> errorReason) {
        this(state, code, error, errorReason, Optional.empty());
    }

    @Override
    public String toString() {
        return "CallbackRequest{state=" + state.map(s -> "****").orElse("(none)") + ", code="
                + code.map(c -> "****").orElse("(none)") + ", error=" + error.orElse("(none)") + "}";
    }
}
