package co.plugkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's {@code /admin/metrics}: Prometheus text of PlugKit's and the pool's meters, behind the admin token. */
class DemoMetricsTest {
    private static final String ADMIN_TOKEN = "demo-admin-token-" + "7".repeat(24);
    private static final String BOOTSTRAP_KEY = "sk_" + "cd".repeat(32);

    @TempDir
    Path dataDir;

    private final FakeInstagram instagram = new FakeInstagram(Clock.systemUTC());
    private DemoServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        instagram.close();
    }

    @Test
    void metricsNeedTheAdminTokenAndArePrometheusTextWithPlugKitsAndThePoolsSeries() {
        Map<String, String> env = env();
        env.put("PLUGKIT_ADMIN_TOKEN", ADMIN_TOKEN);
        start(env);
        ApiClient client = new ApiClient(server.publicUrl(), BOOTSTRAP_KEY);
        assertThat(client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty())
                        .status())
                .isEqualTo(200);

        Response anonymous = new ApiClient(server.publicUrl(), null).get("/admin/metrics");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).hasValue("Bearer realm=\"plugkit-admin\"");
        assertThat(anonymous.body()).doesNotContain("plugkit_", "hikaricp_");
        // An API key is no admin token.
        assertThat(client.get("/admin/metrics").status()).isEqualTo(401);
        assertThat(new ApiClient(server.publicUrl(), ADMIN_TOKEN + "x")
                        .get("/admin/metrics")
                        .status())
                .isEqualTo(401);

        Response metrics = new ApiClient(server.publicUrl(), ADMIN_TOKEN).get("/admin/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type").orElseThrow())
                .startsWith("text/plain")
                .contains("version=0.0.4");
        assertThat(metrics.body())
                .contains("plugkit_connect_started_total{platform=\"instagram\"} 1.0")
                .contains("plugkit_connect_completed_total{platform=\"instagram\"} 1.0")
                .contains("plugkit_connect_callback_seconds_count{outcome=\"connected\",platform=\"instagram\"} 1")
                .containsPattern("plugkit_instagram_requests_seconds_count\\{endpoint=\"/oauth/access_token\","
                        + "method=\"POST\",status=\"2xx\"} 1")
                .contains("hikaricp_connections_max{pool=\"plugkit-demo\"} 5.0")
                .contains("hikaricp_connections_active{pool=\"plugkit-demo\"}")
                .doesNotContain(BOOTSTRAP_KEY, ADMIN_TOKEN, FakeInstagram.CLIENT_SECRET, "acc_", "prof_");
    }

    @Test
    void withoutAnAdminTokenThereIsNoMetricsRoute() {
        start(env());
        assertThat(new ApiClient(server.publicUrl(), null).get("/admin/metrics").status())
                .isEqualTo(404);
    }

    private void start(Map<String, String> env) {
        server = DemoServer.createServer(
                0, env, dataDir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the demo did not start", e);
        }
        instagram.registerRedirectUri(server.redirectUri().toString());
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PLUGKIT_INSTAGRAM_CLIENT_ID", FakeInstagram.CLIENT_ID);
        env.put("PLUGKIT_INSTAGRAM_CLIENT_SECRET", FakeInstagram.CLIENT_SECRET);
        env.put("PLUGKIT_INSTAGRAM_AUTHORIZE_URL", instagram.authorizeUrl().toString());
        env.put("PLUGKIT_INSTAGRAM_API_URL", instagram.baseUrl().toString());
        env.put("PLUGKIT_INSTAGRAM_GRAPH_URL", instagram.baseUrl().toString());
        env.put("PLUGKIT_BOOTSTRAP_API_KEY", BOOTSTRAP_KEY);
        return env;
    }
}
