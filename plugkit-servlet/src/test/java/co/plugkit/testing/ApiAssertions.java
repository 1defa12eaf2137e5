package co.plugkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient.Response;
import com.fasterxml.jackson.databind.JsonNode;

/** Checks of the API's error envelope, shared by the HTTP tests. */
public final class ApiAssertions {
    private ApiAssertions() {}

    /**
     * The response is {@code status} with the JSON envelope {@code {"error":{"code","message","requestId"}}},
     * its request id the one in {@code X-Request-Id}, and nothing that looks like a stack trace.
     *
     * @return the {@code error} object, for further checks
     */
    public static JsonNode assertError(Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).get().asString().startsWith("application/json");
        JsonNode error = response.json().get("error");
        assertThat(error).as("error envelope in %s", response.body()).isNotNull();
        assertThat(error.get("code").asText()).as("code in %s", response.body()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("requestId").asText())
                .startsWith("req_")
                .isEqualTo(response.header("X-Request-Id").orElse(null));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return error;
    }

    /** A 400 whose message names {@code parameter}. */
    public static JsonNode assertBadParameter(Response response, String parameter) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(400);
        JsonNode error = assertError(
                response, 400, response.json().path("error").path("code").asText());
        assertThat(error.get("code").asText()).isIn("invalid_parameter", "missing_parameter");
        assertThat(error.get("message").asText()).contains("'" + parameter + "'");
        return error;
    }

    /** A 401 for a missing or bad key: the envelope and a {@code WWW-Authenticate: Bearer …} challenge. */
    public static JsonNode assertUnauthorized(Response response) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).get().asString().startsWith("Bearer");
        JsonNode error = assertError(
                response, 401, response.json().path("error").path("code").asText());
        assertThat(error.get("code").asText()).isIn("unauthorized", "invalid_api_key");
        return error;
    }
}
