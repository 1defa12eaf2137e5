package co.plugkit.model;

import java.util.Locale;

/** Whether a connected account's token can be used. */
public enum AccountStatus {
    /** The token works. */
    ACTIVE,
    /** Instagram rejected the token; the user must connect again. */
    NEEDS_RECONNECT,
    /** The connection was ended; no token is kept. */
    DISCONNECTED;

    /** The lowercase name the API shows. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountStatus fromApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
