package co.plugkit;

import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MethodChecks;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Audit finding 5: every route of PlugKit answers a method it does not handle with 405 and {@code Allow},
 * whatever the container does by default — in particular TRACE, which the Servlet API would answer by
 * echoing the request's headers, {@code Authorization} and {@code Cookie} included. The sandbox's pages:
 * {@code SandboxHttpMethodsTest} of plugkit-sandbox.
 */
class HttpMethodsTest {

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
                MethodChecks.assertUnknownMethodsRefused(server.baseUrl(), route);
            }
        }
    }
}
