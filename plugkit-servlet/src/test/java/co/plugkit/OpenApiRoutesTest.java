package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.OpenApiContract;
import co.plugkit.testing.OpenApiContract.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every route PlugKit mounts is in docs/openapi.yaml, so that no route can be added undocumented: each
 * servlet mapping PlugKit registers (read from the running server's context, admin routes included) must
 * be a described path or the root of described paths, and every method the servlet accepts (the
 * {@code Allow} of its 405) must be described for one of them. A failure names the route to describe.
 * The reverse direction — every described operation answers as described — is OpenApiValidationTest.
 */
class OpenApiRoutesTest extends SharedServerTest {
    /** The catch-all that answers 404 not_found for unknown /v1/ paths: no route of its own. */
    private static final String NOT_FOUND_SERVLET = "plugkit:not-found";

    private final OpenApiContract contract = new OpenApiContract("");

    @Test
    void everyMountedRouteAndMethodIsDescribed() {
        Map<String, Collection<String>> mounted = server.servletMappings();
        assertThat(mounted).as("PlugKit's servlets").containsKey("plugkit:health");
        List<String> missing = new ArrayList<>();
        mounted.forEach((servlet, patterns) -> {
            if (!servlet.startsWith("plugkit:") || servlet.equals(NOT_FOUND_SERVLET)) {
                return;
            }
            for (String pattern : patterns) {
                String root = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
                List<Operation> described = contract.operations().stream()
                        .filter(o -> pattern.endsWith("/*")
                                ? o.path().equals(root) || o.path().startsWith(root + "/")
                                : o.path().equals(root))
                        .toList();
                if (described.isEmpty()) {
                    missing.add("route " + pattern + " (servlet " + servlet + ") has no path in docs/openapi.yaml");
                    continue;
                }
                for (String method : allowedMethods(root)) {
                    if (described.stream().noneMatch(o -> o.method().equals(method))) {
                        missing.add(method + " " + pattern + " (servlet " + servlet
                                + ") is accepted but docs/openapi.yaml describes no " + method + " under " + root);
                    }
                }
            }
        });
        assertThat(missing)
                .as("mounted by PlugKit but not described in docs/openapi.yaml (add them there, with their"
                        + " answers, and call them in OpenApiValidationTest)")
                .isEmpty();
    }

    @Test
    void theCheckSeesEveryKindOfRoute() {
        Map<String, Collection<String>> mounted = server.servletMappings();
        assertThat(mounted.keySet())
                .contains(
                        "plugkit:health",
                        "plugkit:openapi",
                        "plugkit:accounts",
                        "plugkit:callback-instagram",
                        "plugkit:admin-workspaces",
                        "plugkit:admin-encryption");
        assertThat(allowedMethods("/v1/accounts")).contains("GET", "DELETE", "POST");
    }

    /**
     * The methods a route's servlet accepts, from the {@code Allow} header of its 405 to a method no route
     * has. OPTIONS and HEAD of GET are the container's, not routes of PlugKit's.
     */
    private List<String> allowedMethods(String path) {
        Response r = server.anonymousClient().raw("PROPFIND", path);
        assertThat(r.status()).as("PROPFIND %s", path).isEqualTo(405);
        String allow = r.header("Allow").orElseThrow(() -> new AssertionError("no Allow header from " + path));
        return Arrays.stream(allow.split(","))
                .map(String::strip)
                .filter(m -> !m.isEmpty() && !m.equals("OPTIONS"))
                .toList();
    }
}
