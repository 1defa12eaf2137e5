package co.plugkit.internal.engine;

/**
 * Why a connect flow did not complete: a stable code for API clients and redirect targets, the HTTP
 * status of the callback page, and a sentence for the person in front of it.
 */
public enum ConnectError {
    STATE_MISSING("state_missing", 400, "This link is incomplete. Please start connecting again from the app."),
    STATE_UNKNOWN("state_unknown", 400, "This connection link is not valid. Please start again from the app."),
    STATE_ALREADY_USED("state_already_used", 409, "This connection link has already been used."),
    STATE_EXPIRED("state_expired", 400, "This connection link has expired. Please start again from the app."),
    ACCESS_DENIED("access_denied", 403, "Instagram access was not granted, so nothing was connected."),
    AUTHORIZATION_FAILED("authorization_failed", 400, "Instagram did not authorize the connection."),
    CODE_MISSING("code_missing", 400, "Instagram sent no authorization code. Please try again."),
    NOT_PROFESSIONAL_ACCOUNT(
            "not_professional_account", 422, "Only Instagram business and creator accounts can be connected."),
    INSTAGRAM_REJECTED("instagram_rejected", 502, "Instagram refused the connection. Please try again."),
    INSTAGRAM_UNAVAILABLE("instagram_unavailable", 503, "Instagram could not be reached. Please try again later."),
    INSTAGRAM_BAD_RESPONSE(
            "instagram_bad_response", 502, "Instagram sent an answer PlugKit could not read. Please try again later."),
    STORAGE_UNAVAILABLE("storage_unavailable", 503, "The connection could not be saved. Please try again later."),
    /** Not returned by the engine: what the callback answers when something failed that should not have. */
    INTERNAL_ERROR(
            "internal_error", 500, "Something went wrong on our side, so nothing was connected. Please try again.");

    private final String code;
    private final int httpStatus;
    private final String message;

    ConnectError(String code, int httpStatus, String message) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String message() {
        return message;
    }

    /** The error with this {@link #code()}, if there is one. */
    public static java.util.Optional<ConnectError> byCode(String code) {
        for (ConnectError error : values()) {
            if (error.code.equals(code)) {
                return java.util.Optional.of(error);
            }
        }
        return java.util.Optional.empty();
    }
}
