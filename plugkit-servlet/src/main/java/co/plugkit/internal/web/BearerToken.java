package co.plugkit.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads the bearer token of a request's {@code Authorization} header. */
public final class BearerToken {
    private BearerToken() {}

    /** The token, or empty if there is no single header of the form {@code Bearer <token>}. */
    public static Optional<String> from(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        if (headers.size() != 1) {
            return Optional.empty();
        }
        String header = headers.get(0).strip();
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
