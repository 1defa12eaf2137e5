package co.plugkit.internal.engine;

import co.plugkit.secret.Secret;

/**
 * Sends a proxied call to Instagram's Graph API with an account's token, within one deadline and a bound
 * on the answer's size ({@code co.plugkit.internal.instagram.InstagramGraphForwarder}).
 */
public interface GraphUpstream {

    /**
     * Sends the call with {@code token} and returns Instagram's answer, whatever its status.
     *
     * @throws Failure if no complete answer came: a timeout, a body over the bound, no connection
     */
    GraphReply send(GraphCall call, Secret token) throws Failure;

    /** No complete answer came; the message names what went wrong and never holds the token or the URL. */
    final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        /** Why no answer came. */
        public enum Kind {
            TIMEOUT,
            TOO_LARGE,
            UNREACHABLE
        }

        private final Kind kind;

        public Failure(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }
}
