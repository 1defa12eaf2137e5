package co.plugkit.sandbox;

import java.util.Optional;

/**
 * One of Meta's platform callbacks, which the sandbox can send to PlugKit on behalf of a sandbox account:
 * the person removed the app, or asked for their data to be deleted (instagram-protocol.md §9).
 */
public enum SandboxCallback implements SandboxChoice {
    /** The person removed the app in Instagram's settings: Meta posts to the deauthorize callback URL. */
    DEAUTHORIZE("deauthorize", "Remove app", "/v1/connect/instagram/deauthorize"),
    /** The person asked for the app to delete their data: Meta posts to the data deletion request URL. */
    DATA_DELETION("data_deletion", "Delete my data", "/v1/connect/instagram/data-deletion");

    private final String param;
    private final String label;
    private final String path;

    SandboxCallback(String param, String label, String path) {
        this.param = param;
        this.label = label;
        this.path = path;
    }

    /** The value the sandbox's form sends for it, such as {@code deauthorize}. */
    @Override
    public String param() {
        return param;
    }

    /** The button's text, as a person would see it in Instagram's settings. */
    @Override
    public String label() {
        return label;
    }

    /** PlugKit's callback path, relative to its public URL. */
    public String path() {
        return path;
    }

    /** The callback named by a form value; empty for an unknown one. */
    public static Optional<SandboxCallback> fromParam(String value) {
        return SandboxChoice.fromParam(SandboxCallback.class, value);
    }
}
