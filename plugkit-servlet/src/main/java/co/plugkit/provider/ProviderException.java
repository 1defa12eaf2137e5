package co.plugkit.provider;

import java.util.Optional;

/**
 * A call to a provider failed. The message describes the failure without any token, code or secret; the
 * kind decides what the person is told and whether a retry can help.
 */
public class ProviderException extends Exception {

    /** Why the call failed. */
    public enum Kind {
        /** The provider answered with an error (a bad code, a rejected token, a wrong app). */
        REJECTED,
        /** The provider could not be reached, timed out, or failed with a 5xx or a "try later" error. */
        UNAVAILABLE,
        /** The provider answered something PlugKit cannot read (HTML, broken JSON, missing fields, too large). */
        MALFORMED
    }

    private final Kind kind;
    private final transient Optional<ProviderError> error;

    public ProviderException(Kind kind, String message, Optional<ProviderError> error) {
        super(message);
        this.kind = kind;
        this.error = error;
    }

    public Kind kind() {
        return kind;
    }

    /** The error the provider sent, when it sent one. */
    public Optional<ProviderError> error() {
        return error;
    }
}
