package co.plugkit.web;

/**
 * An expected client error, raised while reading a request and answered with the error envelope. The
 * message is shown to the API client, so it must never contain a secret.
 */
final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final java.util.List<String> allowedMethods;

    ApiProblem(int status, String code, String message) {
        this(status, code, message, java.util.List.of());
    }

    private ApiProblem(int status, String code, String message, java.util.List<String> allowedMethods) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.allowedMethods = allowedMethods;
    }

    /** For a 405: the methods the route does accept, for the {@code Allow} header. */
    java.util.List<String> allowedMethods() {
        return allowedMethods;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiProblem badParameter(String parameter, String message) {
        return new ApiProblem(400, "invalid_parameter", "Invalid parameter '" + parameter + "': " + message);
    }

    static ApiProblem missingParameter(String parameter) {
        return new ApiProblem(400, "missing_parameter", "Missing required parameter '" + parameter + "'");
    }

    static ApiProblem notFound(String code, String message) {
        return new ApiProblem(404, code, message);
    }

    static ApiProblem methodNotAllowed(String method, String... allowed) {
        return new ApiProblem(
                405,
                "method_not_allowed",
                "Method " + method + " is not allowed here; use " + String.join(" or ", allowed),
                java.util.List.of(allowed));
    }
}
