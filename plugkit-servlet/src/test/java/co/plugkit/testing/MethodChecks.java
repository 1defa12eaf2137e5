package co.plugkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient.Response;
import java.net.URI;
import java.util.List;

/**
 * Audit finding 5's check, shared by PlugKit's routes and the sandbox's pages: TRACE, PATCH and a WebDAV
 * method get 405 with an {@code Allow} that does not name them, and the answer echoes none of the
 * request's credentials (the Servlet API's own {@code doTrace} would echo them all).
 */
public final class MethodChecks {
    private static final String API_KEY = "Bearer sk_" + "ab".repeat(32);
    private static final String COOKIE = "JSESSIONID=secret-session-cookie";

    private MethodChecks() {}

    public static void assertUnknownMethodsRefused(URI base, String route) {
        for (String method : List.of("TRACE", "PATCH", "PROPFIND")) {
            String authorization = route.startsWith("/admin") ? "Bearer " + TestKeys.ADMIN_TOKEN : API_KEY;
            Response r = RawRequests.send(base, method, route, null, "Authorization", authorization, "Cookie", COOKIE);
            assertThat(r.status()).as(method + " " + route).isEqualTo(405);
            assertThat(r.header("Allow")).as("Allow on " + method + " " + route).isPresent();
            assertThat(r.header("Allow").orElseThrow()).doesNotContain("TRACE").doesNotContain(method);
            assertThat(r.body())
                    .as(method + " " + route)
                    .doesNotContain("sk_")
                    .doesNotContain("secret-session-cookie")
                    .doesNotContain(TestKeys.ADMIN_TOKEN);
        }
    }
}
