package co.plugkit.internal.engine;

import java.util.Optional;

/**
 * Why a connect flow did not complete: a stable code for API clients and redirect targets, the HTTP
 * status of the callback page, a sentence for the person in front of it, and a hint for whoever sets the
 * app up (what usually causes it and what to do). docs/troubleshooting.md explains each at length.
 */
public enum ConnectError {
    STATE_MISSING(
            "state_missing",
            400,
            "This link is incomplete. Please start connecting again from the app.",
            "The callback was opened without a state: usually a bookmarked or hand-edited callback address."),
    STATE_UNKNOWN(
            "state_unknown",
            400,
            "This connection link is not valid. Please start again from the app.",
            "The state was not issued by a server with this PLUGKIT_ENCRYPTION_KEY: a tampered link, servers with"
                    + " different keys, or a connect started before an upgrade or a key change."),
    STATE_ALREADY_USED(
            "state_already_used",
            409,
            "This connection link has already been used.",
            "The callback was opened twice (a reload, the back button, or a link scanner): the first one counts;"
                    + " check the connect status or the accounts."),
    STATE_EXPIRED(
            "state_expired",
            400,
            "This connection link has expired. Please start again from the app.",
            "The person came back from Instagram after the state's time-to-live (plugkit.stateTtl, 10 minutes"
                    + " by default); start a new connect."),
    ACCESS_DENIED(
            "access_denied",
            403,
            "Instagram access was not granted, so nothing was connected.",
            "The person chose Cancel on Instagram's consent screen; they can start again when ready."),
    INSUFFICIENT_DEVELOPER_ROLE(
            "insufficient_developer_role",
            403,
            "This Instagram account may not use this app yet, so nothing was connected.",
            "While the Meta app is in development, only Instagram accounts added as Instagram Testers (App"
                    + " Dashboard › App roles › Roles) that accepted the invite in Instagram (Settings › Apps and"
                    + " websites › Tester invites) can connect. Add and accept the tester, or switch the app to Live."),
    INVALID_SCOPE(
            "invalid_scope",
            400,
            "Instagram refused the permissions this app asked for, so nothing was connected.",
            "PLUGKIT_INSTAGRAM_SCOPES names a permission the Meta app does not have: use only instagram_business_*"
                    + " scopes that are enabled under Instagram › API setup with Instagram login."),
    INVALID_PLATFORM_APP(
            "invalid_platform_app",
            400,
            "Instagram does not recognise this app, so nothing was connected.",
            "PLUGKIT_INSTAGRAM_CLIENT_ID must be the Instagram App ID and PLUGKIT_INSTAGRAM_CLIENT_SECRET the"
                    + " Instagram App Secret (Instagram › API setup with Instagram login › Business login"
                    + " settings), not the Meta App ID and secret."),
    AUTHORIZATION_FAILED(
            "authorization_failed",
            400,
            "Instagram did not authorize the connection.",
            "Instagram redirected back with an error PlugKit has no specific advice for; the log line of the"
                    + " callback has Instagram's error and reason."),
    CODE_MISSING(
            "code_missing",
            400,
            "Instagram sent no authorization code. Please try again.",
            "The callback was opened without a code or an error: not a redirect from Instagram."),
    NOT_PROFESSIONAL_ACCOUNT(
            "not_professional_account",
            422,
            "Only Instagram business and creator accounts can be connected.",
            "The person switches the account to Professional (Business or Creator) in the Instagram app"
                    + " (Settings › Account type and tools), then connects again."),
    INSTAGRAM_REJECTED(
            "instagram_rejected",
            502,
            "Instagram refused the connection. Please try again.",
            "Instagram refused the code exchange or the profile read: a code used twice, a redirect URI that"
                    + " differs from the authorize one, or a wrong app secret; the log line has Instagram's message."),
    INSTAGRAM_UNAVAILABLE(
            "instagram_unavailable",
            503,
            "Instagram could not be reached. Please try again later.",
            "Instagram timed out, answered 5xx or asked to try later; connect again in a few minutes."),
    INSTAGRAM_BAD_RESPONSE(
            "instagram_bad_response",
            502,
            "Instagram sent an answer PlugKit could not read. Please try again later.",
            "Instagram's answer did not have the expected shape; the log line says which call."),
    STORAGE_UNAVAILABLE(
            "storage_unavailable",
            503,
            "The connection could not be saved. Please try again later.",
            "The database did not answer; check PlugKit's health route and the database."),
    /** Not returned by the engine: what the callback answers when something failed that should not have. */
    INTERNAL_ERROR(
            "internal_error",
            500,
            "Something went wrong on our side, so nothing was connected. Please try again.",
            "A bug: the log has the stack trace."),
    /** Not a callback's: what the connect status says of a session whose callback never came. */
    NO_CALLBACK(
            "no_callback",
            410,
            "The connection was not completed in time.",
            "Nobody came back from Instagram before the connect expired. Usually: while the Meta app is in"
                    + " development, the Instagram account is not an accepted Instagram Tester (Instagram shows"
                    + " \"Insufficient Developer Role\" and never redirects back); the account is not a Business or"
                    + " Creator account; or the redirect URI does not match one listed in the app character for"
                    + " character (Instagram shows \"Invalid redirect_uri\"). Or the person simply closed the window.");

    private final String code;
    private final int httpStatus;
    private final String message;
    private final String hint;

    ConnectError(String code, int httpStatus, String message, String hint) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
        this.hint = hint;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** A sentence for the person who tried to connect. */
    public String message() {
        return message;
    }

    /** What usually causes it and what to do, for whoever runs the app. */
    public String hint() {
        return hint;
    }

    /** The error with this {@link #code()}, if there is one. */
    public static Optional<ConnectError> byCode(String code) {
        for (ConnectError error : values()) {
            if (error.code.equals(code)) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /**
     * The error an authorization redirect's {@code error}, {@code error_reason} and {@code error_description}
     * stand for. Instagram's wording is matched loosely (case, spacing), as it is not documented.
     */
    public static ConnectError ofAuthorizationError(
            String error, Optional<String> reason, Optional<String> description) {
        String all = (error + " " + reason.orElse("") + " " + description.orElse(""))
                .toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ');
        if (all.contains("developer role")) {
            return INSUFFICIENT_DEVELOPER_ROLE;
        }
        if (all.contains("platform app")) {
            return INVALID_PLATFORM_APP;
        }
        if (error.equals("invalid_scope") || all.contains("invalid scope")) {
            return INVALID_SCOPE;
        }
        if (error.equals("access_denied")) {
            return ACCESS_DENIED;
        }
        return AUTHORIZATION_FAILED;
    }
}
