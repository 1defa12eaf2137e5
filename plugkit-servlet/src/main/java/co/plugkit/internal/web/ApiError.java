package co.plugkit.internal.web;

/**
 * Every error the JSON API answers: its stable {@code code}, its HTTP status and its message, whose
 * {@code %s} are filled with the details of one occurrence. This is the one place to look up what a
 * client can receive; docs/api.md lists the same codes (a test keeps the two in step). A message never
 * holds a secret, and a detail is either PlugKit's own text or passed through {@link Safe}.
 */
public enum ApiError {
    UNAUTHORIZED(401, "unauthorized", "Send your API key as 'Authorization: Bearer sk_…'"),
    INVALID_API_KEY(401, "invalid_api_key", "The API key is malformed, unknown, expired or revoked"),
    ADMIN_UNAUTHORIZED(401, "unauthorized", "Send the admin token as 'Authorization: Bearer …'"),
    TOO_MANY_FAILED_AUTHENTICATIONS(
            429,
            "too_many_failed_authentications",
            "Too many failed authentications from this address or with this key; try again after Retry-After"
                    + " seconds"),
    RATE_LIMITED(429, "rate_limited", "This API key made too many requests; try again after Retry-After seconds"),
    NOT_FOUND(404, "not_found", "No such route"),
    PROFILE_NOT_FOUND(404, "profile_not_found", "No profile %s in this workspace"),
    ACCOUNT_NOT_FOUND(404, "account_not_found", "No account %s in this workspace"),
    API_KEY_NOT_FOUND(404, "api_key_not_found", "No such API key in this workspace"),
    CONNECT_SESSION_NOT_FOUND(404, "connect_session_not_found", "No connect session %s in this workspace"),
    WORKSPACE_NOT_FOUND(404, "workspace_not_found", "No workspace %s"),
    DELETION_NOT_FOUND(404, "deletion_not_found", "No data deletion request with this confirmation code"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method %s is not allowed here; use %s"),
    MISSING_PARAMETER(400, "missing_parameter", "Missing required parameter '%s'"),
    INVALID_PARAMETER(400, "invalid_parameter", "Invalid parameter '%s': %s"),
    INVALID_QUERY(400, "invalid_query", "The query string is not valid percent-encoded UTF-8"),
    INVALID_BODY(400, "invalid_body", "The request body could not be read"),
    INVALID_JSON(400, "invalid_json", "%s"),
    BODY_TOO_LARGE(413, "body_too_large", "%s"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "%s"),
    REDIRECT_URL_NOT_ALLOWED(
            400,
            "redirect_url_not_allowed",
            "Invalid parameter 'redirectUrl': it must be an absolute URL that starts with one of the allowed"
                    + " redirect URLs (PLUGKIT_ALLOWED_REDIRECT_URLS)"),
    INVALID_ACCESS_TOKEN(422, "invalid_access_token", "%s"),
    NOT_PROFESSIONAL_ACCOUNT(
            422, "not_professional_account", "Only Instagram business and creator accounts can be connected"),
    INVALID_SIGNATURE(403, "invalid_signature", "The signed request's signature does not match"),
    INVALID_SIGNED_REQUEST(400, "invalid_signed_request", "The signed request is not valid (%s)"),
    TOKEN_TOO_NEW(409, "token_too_new", "Instagram refreshes a token only once it is 24 hours old"),
    REFRESH_IN_PROGRESS(409, "refresh_in_progress", "This account's token is being refreshed right now"),
    ACCOUNT_NOT_ACTIVE(
            409, "account_not_active", "Only an active account can be refreshed; this one must be connected again"),
    TOKEN_KEY_UNKNOWN(
            500,
            "token_key_unknown",
            "This server is not configured with the key that sealed this account's token; its operator must give"
                    + " every server the same PLUGKIT_ENCRYPTION_KEY"),
    // Using accounts: the Graph API proxy and the token export (docs/using-accounts.md).
    ACCESS_TOKEN_NOT_ALLOWED(
            400,
            "access_token_not_allowed",
            "Do not send an access_token (found in the %s): PlugKit adds the account's token itself"),
    INVALID_GRAPH_PATH(400, "invalid_graph_path", "%s"),
    ACCOUNT_NEEDS_RECONNECT(
            409, "account_needs_reconnect", "Account %s must be connected again (%s) before it can be used"),
    INSTAGRAM_TIMEOUT(504, "instagram_timeout", "%s"),
    INSTAGRAM_RESPONSE_TOO_LARGE(502, "instagram_response_too_large", "%s"),
    // End of the account-use errors.
    INSTAGRAM_UNAVAILABLE(503, "instagram_unavailable", "%s"),
    DATABASE_UNAVAILABLE(503, "database_unavailable", "The database is unavailable; try again shortly"),
    INTERNAL_ERROR(500, "internal_error", "Something went wrong on our side; the request id helps us find it"),
    // Events and webhooks (docs/events.md)
    WEBHOOK_VERIFICATION_REFUSED(
            403,
            "verification_refused",
            "hub.mode must be subscribe and hub.verify_token the configured PLUGKIT_INSTAGRAM_WEBHOOK_VERIFY_TOKEN"),
    WEBHOOK_SIGNATURE_MISSING(
            401, "missing_signature", "Send the X-Hub-Signature-256 header Meta signs deliveries with"),
    WEBHOOK_SIGNATURE_INVALID(403, "invalid_signature", "The X-Hub-Signature-256 header does not match the body"),
    WEBHOOK_ENDPOINT_NOT_FOUND(404, "webhook_endpoint_not_found", "No such webhook endpoint in this workspace"),
    DELIVERY_NOT_FOUND(404, "delivery_not_found", "No such webhook delivery in this workspace"),
    WEBHOOK_URL_NOT_ALLOWED(400, "webhook_url_not_allowed", "Invalid parameter 'url': %s"),
    TOO_MANY_WEBHOOK_ENDPOINTS(409, "too_many_webhook_endpoints", "A workspace may have at most %s webhook endpoints");

    private final int status;
    private final String code;
    private final String message;

    ApiError(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The message template; {@code %s} stand for the details of one occurrence. */
    public String messageTemplate() {
        return message;
    }

    /** This error as the exception a servlet throws, its message filled with {@code details}. */
    ApiProblem problem(Object... details) {
        return new ApiProblem(this, String.format(message, details));
    }
}
