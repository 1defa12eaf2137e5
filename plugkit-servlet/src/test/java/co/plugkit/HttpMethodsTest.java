package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.RawRequests;
import co.plugkit.testing.TestKeys;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Audit finding 5: every route of PlugKit answers a method it does not handle with 405 and {@code Allow},
 * whatever the container does by default — in particular TRACE, which the Servlet API would answer by
 * echoing the request's headers, {@code Authorization} and {@code Cookie} included. The sandbox's pages:
 * {@code SandboxHttpMethodsTest} of plugkit-sandbox.
 */
class HttpMethodsTest {
    private static final String SECRET_HEADER = "Bearer sk_" + "ab".repeat(32);
    private static final String COOKIE = "JSESSIONID=secret-session-cookie";

    private static final List<String> PLUGKIT_ROUTES = List.of(
            "/v1/health",
            "/v1/api-keys",
            "/v1/api-keys/key_x",
            "/v1/profiles",
            "/v1/profiles/prof_x",
            "/v1/connect/instagram",
            "/v1/connect/instagram/callback",
            "/v1/connect/instagram/callback?code=c&state=s",
            "/v1/connect/instagram/deauthorize",
            "/v1/connect/instagram/data-deletion",
            "/v1/connect/instagram/data-deletion/abc",
            "/v1/accounts",
            "/v1/accounts/acc_x",
            "/v1/accounts/connect",
            "/v1/no-such-route",
            "/admin/v1/workspaces");

    @Test
    void traceAndUnknownMethodsGet405WithAllowAndEchoNothing() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (FakeInstagram instagram = new FakeInstagram(clock);
                PlugKitServer server = PlugKitServer.start(instagram, clock)) {
            for (String route : PLUGKIT_ROUTES) {
                assertRefused(server.baseUrl(), route);
            }
        }
    }

    private static void assertRefused(URI base, String route) {
        for (String method : List.of("TRACE", "PATCH", "PROPFIND")) {
            Response r = RawRequests.send(
                    base,
                    method,
                    route,
                    null,
                    "Authorization",
                    route.startsWith("/admin") ? "Bearer " + TestKeys.ADMIN_TOKEN : SECRET_HEADER,
                    "Cookie",
                    COOKIE);
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
