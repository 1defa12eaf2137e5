package co.plugkit.testing;

import co.plugkit.testing.ApiClient.Response;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Every error answer any test receives through {@link ApiClient} or {@link RawRequests} is checked here:
 * no status of 400 or more may carry SQL, a Java exception's name, or a sealed token. (Audit finding 1:
 * the container's error page once showed a JDBI exception, its statement and its bound ciphertext.)
 * Instagram's own error types {@code OAuthException} and {@code GraphMethodException}, which the stand-in
 * and the sandbox send (and the Graph API proxy passes on), are not Java exceptions and are allowed.
 */
public final class ErrorBodySweep {
    private static final Pattern FORBIDDEN =
            Pattern.compile("SQL|(?<!OAuth|GraphMethod)Exception|ciphertext|eyJhbGciOiJkaXIi|\\bat [a-z]+\\.[a-z]+\\.");
    private static final Pattern REQUEST_ID = Pattern.compile("req_[A-Za-z0-9_-]{12}");
    private static final AtomicLong CHECKED = new AtomicLong();

    private ErrorBodySweep() {}

    static Response check(Response response) {
        if (response.status() >= 400) {
            CHECKED.incrementAndGet();
            // The random request id (req_ and 12 base64url characters) spells "SQL" about once in 26,000
            // answers; it is PlugKit's own token, not SQL (HttpFuzzTest met one).
            var match = FORBIDDEN.matcher(REQUEST_ID.matcher(response.body()).replaceAll("req_…"));
            if (match.find()) {
                throw new AssertionError("An error answer (" + response.status() + " from "
                        + response.raw().request().uri().getPath() + ") shows '" + match.group()
                        + "': " + response.body());
            }
        }
        return response;
    }

    /** How many error answers were checked in this JVM so far. */
    public static long checked() {
        return CHECKED.get();
    }
}
