package co.plugkit.internal.web;

import java.util.List;

/**
 * An expected client error, raised while reading a request and answered with the error envelope: one of
 * the {@link ApiError}s, with its message filled in. The message is shown to the API client, so it must
 * never contain a secret.
 */
final class ApiProblem extends RuntimeException {
    private final ApiError error;
    private final List<String> allowedMethods;

    ApiProblem(ApiError error, String message) {
        this(error, message, List.of());
    }

    private ApiProblem(ApiError error, String message, List<String> allowedMethods) {
        super(message, null, false, false);
        this.error = error;
        this.allowedMethods = allowedMethods;
    }

    ApiError error() {
        return error;
    }

    /** For a 405: the methods the route does accept, for the {@code Allow} header. */
    List<String> allowedMethods() {
        return allowedMethods;
    }

    static ApiProblem badParameter(String parameter, String message) {
        return ApiError.INVALID_PARAMETER.problem(parameter, message);
    }

    static ApiProblem missingParameter(String parameter) {
        return ApiError.MISSING_PARAMETER.problem(parameter);
    }

    static ApiProblem methodNotAllowed(String method, String... allowed) {
        return new ApiProblem(
                ApiError.METHOD_NOT_ALLOWED,
                String.format(ApiError.METHOD_NOT_ALLOWED.messageTemplate(), method, String.join(" or ", allowed)),
                List.of(allowed));
    }
}
