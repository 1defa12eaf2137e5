package co.plugkit.sandbox;

import java.util.Optional;

/**
 * Which of an account's two ids the sandbox puts in a callback's {@code user_id}. Meta does not document
 * which one Instagram Login's callbacks carry (instagram-protocol.md §13.4), so the sandbox can send
 * either, and a receiver must match both.
 */
public enum SandboxUserId implements SandboxChoice {
    /** The professional account id, {@code user_id} of {@code /me} (the default). */
    PROFESSIONAL("professional", "Professional account id (user_id of /me)"),
    /** The app-scoped id, {@code id} of {@code /me}. */
    APP_SCOPED("app_scoped", "App-scoped id (id of /me)");

    private final String param;
    private final String label;

    SandboxUserId(String param, String label) {
        this.param = param;
        this.label = label;
    }

    /** The value the sandbox's form sends for it. */
    @Override
    public String param() {
        return param;
    }

    /** What the sandbox's page says of it. */
    @Override
    public String label() {
        return label;
    }

    /** This id of {@code account}. */
    public String of(SandboxAccount account) {
        return this == PROFESSIONAL ? account.userId() : account.appScopedId();
    }

    /** The choice named by a form value; empty for an unknown one. */
    public static Optional<SandboxUserId> fromParam(String value) {
        return SandboxChoice.fromParam(SandboxUserId.class, value);
    }
}
