package co.plugkit.internal.crypto;

import java.util.Objects;

/**
 * A stored token that {@link TokenCipher} will not open. Checked, so that every caller decides what an
 * unreadable token means for its account; none of them may send anything upstream instead. The message
 * names the reason and at most a key id, never the ciphertext.
 */
public final class UnreadableTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the token could not be opened. */
    public enum Reason {
        /** Sealed with a key this server is not configured with (a configuration problem, not the token's). */
        UNKNOWN_KEY,
        /** The key is known, but the ciphertext does not decrypt: damaged or tampered with. */
        UNDECRYPTABLE,
        /** It decrypts, but was sealed for another account row: copied from there. */
        WRONG_ROW
    }

    private final Reason reason;

    UnreadableTokenException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
