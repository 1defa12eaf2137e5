package co.plugkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.RawRequests;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Audit finding 5 for the sandbox's pages (PlugKit's routes: {@code HttpMethodsTest} of plugkit-servlet,
 * whose checks these are): a method a page does not handle gets 405 and {@code Allow}, TRACE included,
 * and the answer echoes none of the request's credentials.
 */
class SandboxHttpMethodsTest {
    private static final String SECRET_HEADER = "Bearer sk_" + "ab".repeat(32);
    private static final String COOKIE = "JSESSIONID=secret-session-cookie";

    private static final List<String> SANDBOX_ROUTES = List.of(
            "/sandbox/instagram/oauth/authorize", "/sandbox/instagram/apps", "/sandbox/instagram/pictures/acme.svg");

    @Test
    void theSandboxPagesToo() throws Exception {
        try (PlugKitServer server = PlugKitServer.startSandbox(MutableClock.startingNow(), "", new PlugKitSandbox())) {
            for (String route : SANDBOX_ROUTES) {
                assertRefused(server.baseUrl(), route);
            }
        }
    }

    private static void assertRefused(URI base, String route) {
        for (String method : List.of("TRACE", "PATCH", "PROPFIND")) {
            Response r = RawRequests.send(base, method, route, null, "Authorization", SECRET_HEADER, "Cookie", COOKIE);
            assertThat(r.status()).as(method + " " + route).isEqualTo(405);
            assertThat(r.header("Allow")).as("Allow on " + method + " " + route).isPresent();
            assertThat(r.header("Allow").orElseThrow()).doesNotContain("TRACE").doesNotContain(method);
            assertThat(r.body()).as(method + " " + route).doesNotContain("sk_").doesNotContain("secret-session-cookie");
        }
    }
}
