package co.plugkit.sandbox;

import java.util.Map;
import java.util.Optional;

/**
 * A server-to-server request to the sandbox, as its servlets read it: no servlet type reaches the engine.
 *
 * @param method the HTTP method
 * @param contentType the request's content type, if any
 * @param params the query and form parameters (the first value of each)
 * @param bearerToken the token of an {@code Authorization: Bearer} header, if any
 */
public record SandboxCall(
        String method, Optional<String> contentType, Map<String, String> params, Optional<String> bearerToken) {
    public SandboxCall {
        params = Map.copyOf(params);
    }

    /** A parameter, empty when absent or empty. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty());
    }

    /** The access token, from the header or else the {@code access_token} parameter, as Graph accepts both. */
    public Optional<String> accessToken() {
        return bearerToken.or(() -> param("access_token"));
    }
}
