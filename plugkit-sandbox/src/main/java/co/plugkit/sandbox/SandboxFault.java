package co.plugkit.sandbox;

import java.util.Optional;

/**
 * A failure the sandbox plays on purpose, chosen on the authorization page or with the
 * {@code sandbox_fault} query parameter of the authorization URL. The fault travels with the code, so the
 * server-to-server calls that follow the approval are the ones that fail.
 */
public enum SandboxFault implements SandboxChoice {
    /** Everything works. */
    NONE("none", "No fault: everything works"),
    /** The code exchange answers HTTP 500 with a transient Graph error. */
    SERVER_ERROR("server_error", "Upstream error: the code exchange answers HTTP 500"),
    /** The code exchange answers only after PlugKit's read timeout has passed. */
    SLOW("slow", "Slow response: the code exchange answers after PlugKit's timeout"),
    /** The code is already older than its one hour when PlugKit exchanges it. */
    EXPIRED_CODE("expired_code", "Expired code: the code is past its one hour"),
    /** The long-lived token is revoked at once, so {@code /me} answers error 190. */
    REVOKED_TOKEN("revoked_token", "Revoked token: /me answers OAuthException 190"),
    /**
     * The account connects, then its first Graph API call (media, comments, messages, insights) answers
     * error 190/460 and revokes its tokens, as a password change would.
     */
    GRAPH_TOKEN_REJECTED("graph_190", "Token rejected later: the first Graph API call answers OAuthException 190"),
    /** The account connects, then every Graph API call answers error 80002 with usage headers. */
    GRAPH_THROTTLED("graph_throttled", "Throttled: Graph API calls answer error 80002 (Business Use Case limit)");

    private final String param;
    private final String label;

    SandboxFault(String param, String label) {
        this.param = param;
        this.label = label;
    }

    /** The value of the {@code sandbox_fault} parameter, such as {@code server_error}. */
    @Override
    public String param() {
        return param;
    }

    /** What the authorization page says of it. */
    @Override
    public String label() {
        return label;
    }

    /** The fault named by a parameter value; empty for an unknown one. */
    public static Optional<SandboxFault> fromParam(String value) {
        return SandboxChoice.fromParam(SandboxFault.class, value);
    }
}
