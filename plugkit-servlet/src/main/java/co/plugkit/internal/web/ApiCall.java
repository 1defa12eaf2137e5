package co.plugkit.internal.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * One API request and its response, with the few reading and writing helpers every route needs: the
 * id in the path, query parameters, a small JSON body, and JSON answers in one envelope.
 */
final class ApiCall {
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final ObjectMapper json;
    private final String requestId;
    /** Who makes this call, for the events it causes: its API key, once {@link AuthenticatedServlet} knows it. */
    private co.plugkit.model.Actor actor = co.plugkit.model.Actor.SYSTEM;

    ApiCall(HttpServletRequest request, HttpServletResponse response, ObjectMapper json, String requestId) {
        this.request = request;
        this.response = response;
        this.json = json;
        this.requestId = requestId;
    }

    String method() {
        return request.getMethod();
    }

    String requestId() {
        return requestId;
    }

    co.plugkit.model.Actor actor() {
        return actor;
    }

    void actor(co.plugkit.model.Actor actor) {
        this.actor = actor;
    }

    HttpServletRequest request() {
        return request;
    }

    HttpServletResponse response() {
        return response;
    }

    /** The single path segment after the route ({@code /v1/accounts/{id}}), or empty for the collection. */
    Optional<String> pathId() {
        String info = request.getPathInfo();
        if (info == null || info.equals("/") || info.isEmpty()) {
            return Optional.empty();
        }
        String id = info.substring(1);
        if (id.contains("/")) {
            throw ApiError.NOT_FOUND.problem();
        }
        return Optional.of(id);
    }

    /** The path segments after the route ({@code /v1/accounts/{id}/refresh} → [id, refresh]). */
    java.util.List<String> pathSegments() {
        String info = request.getPathInfo();
        if (info == null || info.equals("/") || info.isEmpty()) {
            return java.util.List.of();
        }
        return java.util.List.of(info.substring(1).split("/", -1));
    }

    /** A query parameter; blank counts as absent, and a repeated one is refused. */
    Optional<String> query(String name) {
        String[] values;
        try {
            values = request.getParameterValues(name);
        } catch (RuntimeException e) {
            // Containers decode the query lazily, here; Jetty throws for "%zz" or bytes that are not UTF-8.
            throw ApiError.INVALID_QUERY.problem();
        }
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw ApiProblem.badParameter(name, "given more than once");
        }
        return values[0].isBlank() ? Optional.empty() : Optional.of(values[0]);
    }

    String requiredQuery(String name) {
        return query(name).orElseThrow(() -> ApiProblem.missingParameter(name));
    }

    int intQuery(String name, int min, int max, int defaultValue) {
        Optional<String> text = query(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, with the accepted range
        }
        throw ApiProblem.badParameter(name, "must be a whole number from " + min + " to " + max);
    }

    /** The request body as one JSON object and nothing after it, at most 64 KiB. */
    JsonNode jsonBody() {
        String type = request.getContentType();
        if (type != null && !type.split(";", 2)[0].strip().equalsIgnoreCase("application/json")) {
            throw ApiError.UNSUPPORTED_MEDIA_TYPE.problem("Send the body as application/json");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw ApiError.INVALID_BODY.problem();
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw ApiError.BODY_TOO_LARGE.problem("The request body is larger than 64 KiB");
        }
        try {
            JsonNode node = json.reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiError.INVALID_JSON.problem("The request body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiError.INVALID_JSON.problem("The request body is not valid JSON");
        } catch (IOException e) {
            throw ApiError.INVALID_BODY.problem();
        }
    }

    /** A required, trimmed text field of 1 to {@code maxLength} characters. */
    static String textField(JsonNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiProblem.missingParameter(field);
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw ApiProblem.badParameter(field, "must be a non-empty string");
        }
        String value = node.asText().strip();
        if (value.length() > maxLength) {
            throw ApiProblem.badParameter(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    void respond(int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    void noContent() {
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    void error(ApiError error, String message) throws IOException {
        respond(error.status(), Views.error(error.code(), message, requestId));
    }
}
