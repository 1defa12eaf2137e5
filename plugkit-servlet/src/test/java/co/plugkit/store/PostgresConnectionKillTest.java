package co.plugkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.container.PoolTimeouts;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Audit findings 1 and 2: PostgreSQL kills the pool's connections (a restart, a failover, an operator's
 * {@code pg_terminate_backend}) while requests run. Each answer is a 200 or a 503 — never a 500 — and a
 * callback whose connection was killed still ends on PlugKit's page, never on one that shows SQL.
 */
class PostgresConnectionKillTest {
    private static final String APPLICATION = "plugkit-kill-test";

    @Test
    void killingEveryPooledConnectionUnderLoadGivesOnly200Or503() throws Exception {
        try (TestDatabase database = TestDatabase.postgres();
                HikariDataSource pool = pool(database);
                FakeInstagram instagram = new FakeInstagram(MutableClock.startingNow())) {
            MutableClock clock = MutableClock.startingNow();
            try (PlugKitServer server = PlugKitServer.start(instagram, clock, pool, "", b -> b)) {
                ApiClient client = server.newWorkspaceClient("Acme");
                String profileId = client.createProfile("Jane");
                assertThat(client.connectThroughBrowser(profileId, Optional.empty())
                                .status())
                        .isEqualTo(200);

                Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService load = Executors.newFixedThreadPool(4);
                List<Future<?>> workers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    workers.add(load.submit(() -> {
                        // bounded: at most 2,000 requests a thread, and the loop ends when the kills are done
                        for (int n = 0; n < 2_000 && running.get(); n++) {
                            int status = client.get("/v1/accounts?limit=10").status();
                            statuses.computeIfAbsent(status, s -> new LongAdder())
                                    .increment();
                        }
                    }));
                }
                int killed = 0;
                for (int round = 0; round < 3; round++) {
                    Thread.sleep(1_000);
                    killed += killPool(database);
                }
                Thread.sleep(1_000);
                running.set(false);
                for (Future<?> worker : workers) {
                    worker.get(60, TimeUnit.SECONDS);
                }
                load.shutdown();

                assertThat(killed).as("connections killed").isPositive();
                assertThat(statuses.keySet()).as("statuses seen: " + statuses).isSubsetOf(200, 503);
                assertThat(statuses.get(200).sum()).isPositive();
                System.out.println(
                        "[PostgresConnectionKillTest] killed " + killed + " connections; answers " + statuses);
            }
        }
    }

    @Test
    void aCallbackWhoseConnectionWasKilledEndsOnPlugKitsPage() throws Exception {
        try (TestDatabase database = TestDatabase.postgres();
                HikariDataSource pool = pool(database);
                FakeInstagram instagram = new FakeInstagram(MutableClock.startingNow())) {
            MutableClock clock = MutableClock.startingNow();
            try (PlugKitServer server = PlugKitServer.start(instagram, clock, pool, "", b -> b)) {
                ApiClient client = server.newWorkspaceClient("Acme");
                String profileId = client.createProfile("Jane");
                AtomicInteger connected = new AtomicInteger();
                for (int i = 0; i < 6; i++) {
                    URI callback = ApiClient.callbackUrl(ApiClient.browseOnce(URI.create(
                            client.connect(profileId).json().get("authUrl").asText())));
                    killPool(database);
                    ApiClient.Response page = ApiClient.browse(callback);
                    assertThat(page.status()).as(page.body()).isIn(200, 503);
                    assertThat(page.body()).doesNotContain("UPDATE").doesNotContain("plugkit_");
                    if (page.status() == 200) {
                        connected.incrementAndGet();
                    }
                }
                System.out.println(
                        "[PostgresConnectionKillTest] callbacks after a kill: " + connected + " of 6 connected");
            }
        }
    }

    /** A pool as PlugKit opens one, its connections named so that only they are killed. */
    private static HikariDataSource pool(TestDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl() + "&ApplicationName=" + APPLICATION);
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(5);
        PoolTimeouts.applyTo(config);
        return new HikariDataSource(config);
    }

    private static int killPool(TestDatabase database) throws Exception {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = '" + APPLICATION + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
