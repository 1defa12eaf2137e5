package co.plugkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TcpProxy;
import co.plugkit.testing.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away (a TCP proxy in between is cut: open connections die, new ones are refused)
 * during connect, callback and list: each answers 503 JSON or the storage page, no thread piles up, and
 * when the database is back PlugKit recovers without a restart.
 */
class PostgresOutageTest {
    private TestDatabase database;
    private TcpProxy proxy;
    private HikariDataSource pool;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() throws Exception {
        database = TestDatabase.postgres();
        URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(direct.getPort());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/"));
        config.setMaximumPoolSize(5);
        config.setConnectionTimeout(1000);
        pool = new HikariDataSource(config);
        MutableClock clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock, pool, "", b -> b);
        client = server.newWorkspaceClient("Acme");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
        pool.close();
        proxy.close();
        database.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyRouteAnswers503DuringTheOutageAndRecoversAfterwards() {
        String profileId = client.createProfile("Jane");
        Response authorize = ApiClient.browse(
                URI.create(client.connect(profileId).json().get("authUrl").asText()));
        client.get("/v1/accounts");
        int threadsBefore = Thread.activeCount();

        proxy.cut();
        for (int round = 0; round < 5; round++) {
            Response list = client.get("/v1/accounts");
            assertThat(list.status()).isEqualTo(503);
            assertThat(list.json().get("error").get("code").asText()).isEqualTo("database_unavailable");
            Response connect = client.connect(profileId);
            assertThat(connect.status()).isEqualTo(503);
            assertThat(connect.json().get("error").get("code").asText()).isEqualTo("database_unavailable");
            assertThat(client.get("/v1/health").status()).isEqualTo(503);
        }
        Response callback = ApiClient.browse(ApiClient.callbackUrl(authorize));
        assertThat(callback.status()).isEqualTo(503);
        assertThat(callback.body()).contains("storage_unavailable");
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 10);

        proxy.restore();
        // The pool reconnects on its own; it may take a moment (its connection timeout) to notice.
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (client.get("/v1/health").status() != 200 && System.nanoTime() < deadline) {
            sleep(200);
        }
        assertThat(client.get("/v1/health").status()).isEqualTo(200);
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);
        assertThat(client.get("/v1/accounts").json().get("data")).hasSize(1);
    }
}
