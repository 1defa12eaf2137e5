package co.plugkit.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Graph API call an API client asked the proxy to make, already checked: a method, the path below
 * the Graph version (its segments plain names or ids), the query parameters decoded, and for a POST the
 * body with its content type. It never holds an {@code access_token}: PlugKit adds the account's.
 */
public record GraphCall(
        String method,
        List<String> path,
        List<Map.Entry<String, String>> query,
        Optional<String> contentType,
        byte[] body) {

    public GraphCall {
        Objects.requireNonNull(method, "method");
        path = List.copyOf(path);
        query = List.copyOf(query);
        Objects.requireNonNull(contentType, "contentType");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "GraphCall{" + method + " /" + String.join("/", path) + "}";
    }
}
