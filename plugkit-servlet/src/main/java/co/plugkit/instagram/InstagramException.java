package co.plugkit.instagram;

import java.util.Optional;

/**
 * A call to Instagram failed. The message describes the failure without any token, code or secret.
 */
public final class InstagramException extends Exception {

    /** Why the call failed, which decides what the user is told and whether a retry can help. */
    public enum Kind {
        /** Instagram answered with an error (bad code, rejected token, wrong app). */
        REJECTED,
        /** Instagram could not be reached, timed out, or failed with a 5xx. */
        UNAVAILABLE,
        /** Instagram answered something PlugKit cannot read (HTML, broken JSON, missing fields, too large). */
        MALFORMED
    }

    private final Kind kind;
    private final transient Optional<InstagramError> error;

    public InstagramException(Kind kind, String message, Optional<InstagramError> error) {
        super(message);
        this.kind = kind;
        this.error = error;
    }

    public Kind kind() {
        return kind;
    }

    /** The error Instagram sent, when it sent one. */
    public Optional<InstagramError> error() {
        return error;
    }
}
