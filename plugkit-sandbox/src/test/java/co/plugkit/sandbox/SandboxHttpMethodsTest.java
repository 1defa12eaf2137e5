package co.plugkit.sandbox;

import co.plugkit.testing.MethodChecks;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Audit finding 5 for the sandbox's pages (PlugKit's routes: {@code HttpMethodsTest} of plugkit-servlet,
 * whose checks these are): a method a page does not handle gets 405 and {@code Allow}, TRACE included,
 * and the answer echoes none of the request's credentials.
 */
class SandboxHttpMethodsTest {

    private static final List<String> SANDBOX_ROUTES = List.of(
            "/sandbox/instagram/oauth/authorize", "/sandbox/instagram/apps", "/sandbox/instagram/pictures/acme.svg");

    @Test
    void theSandboxPagesToo() throws Exception {
        try (PlugKitServer server = PlugKitServer.startSandbox(MutableClock.startingNow(), "", new PlugKitSandbox())) {
            for (String route : SANDBOX_ROUTES) {
                MethodChecks.assertUnknownMethodsRefused(server.baseUrl(), route);
            }
        }
    }
}
