package co.plugkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.TcpProxy;
import co.plugkit.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit finding 12: while PostgreSQL is unreachable, the demo answers 503 within the pool's short
 * connection timeout — not after HikariCP's default 30 seconds, during which threads pile up — and the
 * health check answers as quickly.
 */
class DemoDatabaseOutageTest {
    /** Generous against a busy machine, and far below the 30 s a request waited before. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    @Test
    void requestsFailFastWhileTheDatabaseIsGone(@TempDir Path dataDir) throws Exception {
        try (TestDatabase database = TestDatabase.postgres();
                FakeInstagram instagram = new FakeInstagram(Clock.systemUTC())) {
            URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
            try (TcpProxy proxy = new TcpProxy(direct.getPort())) {
                Map<String, String> env = new HashMap<>();
                env.put("PLUGKIT_INSTAGRAM_CLIENT_ID", FakeInstagram.CLIENT_ID);
                env.put("PLUGKIT_INSTAGRAM_CLIENT_SECRET", FakeInstagram.CLIENT_SECRET);
                env.put(
                        "PLUGKIT_INSTAGRAM_AUTHORIZE_URL",
                        instagram.authorizeUrl().toString());
                env.put("PLUGKIT_INSTAGRAM_API_URL", instagram.baseUrl().toString());
                env.put("PLUGKIT_INSTAGRAM_GRAPH_URL", instagram.baseUrl().toString());
                env.put(
                        "PLUGKIT_DB_URL",
                        database.jdbcUrl().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/"));
                ByteArrayOutputStream console = new ByteArrayOutputStream();
                try (DemoServer demo = DemoServer.createServer(
                        0, env, dataDir, new PrintStream(console, true, StandardCharsets.UTF_8))) {
                    demo.start();
                    Matcher m = Pattern.compile(co.plugkit.secret.ApiKeySecret.ACCEPTED_REGEX)
                            .matcher(console.toString(StandardCharsets.UTF_8));
                    assertThat(m.find()).isTrue();
                    ApiClient client = new ApiClient(demo.publicUrl(), m.group());
                    assertThat(client.get("/v1/accounts").status()).isEqualTo(200);

                    proxy.cut();
                    for (String path : List.of("/v1/accounts", "/v1/health", "/v1/profiles")) {
                        long start = System.nanoTime();
                        Response r = client.get(path);
                        Duration took = Duration.ofNanos(System.nanoTime() - start);
                        assertThat(r.status()).as(path).isEqualTo(503);
                        assertThat(took).as(path + " answered after " + took).isLessThan(BOUND);
                    }

                    // Eight at once: none waits behind another for the pool's 30 s.
                    ExecutorService burst = Executors.newFixedThreadPool(8);
                    long start = System.nanoTime();
                    List<Future<Integer>> answers = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        answers.add(
                                burst.submit(() -> client.get("/v1/accounts").status()));
                    }
                    for (Future<Integer> answer : answers) {
                        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(503);
                    }
                    burst.shutdown();
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);

                    proxy.restore();
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (client.get("/v1/health").status() != 200 && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                    assertThat(client.get("/v1/accounts").status()).isEqualTo(200);
                }
            }
        }
    }
}
