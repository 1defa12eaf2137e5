package co.plugkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.Concurrently;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two PlugKit servers (separate Jetty, separate pools) on one database behind one public URL, as behind a
 * load balancer: whichever server a request lands on, the outcome is the same, and races between them
 * are settled by the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MultiServerTest {
    private TestDatabase database;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer one;
    private PlugKitServer two;

    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void start() {
        database = openDatabase();
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        one = startServer(null);
        // Both servers tell Instagram the same public URL: the first server's, standing in for the balancer.
        two = startServer(one.baseUrl().toString());
    }

    private PlugKitServer startServer(String publicUrl) {
        HikariDataSource pool = database.newPool(10);
        pools.add(pool);
        return PlugKitServer.start(instagram, clock, pool, "", b -> publicUrl == null ? b : b.publicUrl(publicUrl));
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {one, two, instagram}) {
            if (c != null) {
                c.close();
            }
        }
        pools.forEach(HikariDataSource::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aConnectStartedOnOneServerCompletesOnTheOther() {
        ApiClient onOne = one.newWorkspaceClient("Acme");
        ApiClient onTwo = onOne.on(two.baseUrl());
        String profileId = onOne.createProfile("Jane");
        Response authorize = ApiClient.browse(
                URI.create(onOne.connect(profileId).json().get("authUrl").asText()));

        Response page = ApiClient.browse(on(two, ApiClient.callbackUrl(authorize)));

        assertThat(page.status()).isEqualTo(200);
        assertThat(onOne.get("/v1/accounts").json().get("data")).hasSize(1);
        assertThat(onTwo.get("/v1/accounts").json().get("data")).hasSize(1);
    }

    @Test
    void oneCallbackSentFiftyTimesToBothServersExchangesTheCodeOnce() throws Exception {
        ApiClient client = one.newWorkspaceClient("Acme");
        String profileId = client.createProfile("Jane");
        Response authorize = ApiClient.browse(
                URI.create(client.connect(profileId).json().get("authUrl").asText()));
        URI callback = ApiClient.callbackUrl(authorize);
        int exchangesBefore = instagram.calls(Endpoint.CODE_EXCHANGE);

        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            PlugKitServer target = i % 2 == 0 ? one : two;
            tasks.add(() -> ApiClient.browse(on(target, callback)).status());
        }
        List<Integer> statuses = Concurrently.run(16, tasks);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
        assertThat(instagram.calls(Endpoint.CODE_EXCHANGE) - exchangesBefore).isEqualTo(1);
        assertThat(client.get("/v1/accounts").json().get("data")).hasSize(1);
    }

    @Test
    void twentyParallelConnectsOfOneInstagramAccountLeaveOneRow() throws Exception {
        ApiClient client = one.newWorkspaceClient("Acme");
        String profileId = client.createProfile("Jane");
        instagram.approveAs(FakeInstagram.IgAccount.business("17841400000000077", "racer"));

        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PlugKitServer callbackServer = i % 2 == 0 ? two : one;
            tasks.add(() -> {
                Response authorize = ApiClient.browse(URI.create(
                        client.connect(profileId).json().get("authUrl").asText()));
                return ApiClient.browse(on(callbackServer, ApiClient.callbackUrl(authorize)))
                        .status();
            });
        }
        List<Integer> statuses = Concurrently.run(16, tasks);

        assertThat(statuses).containsOnly(200);
        assertThat(client.get("/v1/accounts?profileId=" + profileId).json().get("data"))
                .hasSize(1);
    }

    @Test
    void graphCallsOnBothServersRefreshAnExpiringTokenOnce() throws Exception {
        ApiClient client = one.newWorkspaceClient("Acme");
        String profileId = client.createProfile("Jane");
        instagram.approveAs(FakeInstagram.IgAccount.business("17841400000000088", "proxied"));
        client.connectThroughBrowser(profileId, java.util.Optional.empty());
        String id = client.get("/v1/accounts?profileId=" + profileId)
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asText();
        clock.advance(java.time.Duration.ofDays(35)); // inside the 30-day window: due for a refresh before use
        instagram.refreshDelay(java.time.Duration.ofMillis(500));
        int refreshesBefore = instagram.successfulRefreshes();
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ApiClient on = client.on((i % 2 == 0 ? one : two).baseUrl());
                tasks.add(() ->
                        on.get("/v1/accounts/" + id + "/instagram/me/media").status());
            }
            List<Integer> statuses = Concurrently.run(6, tasks);

            assertThat(statuses).containsOnly(200);
            assertThat(instagram.successfulRefreshes() - refreshesBefore).isEqualTo(1);
        } finally {
            instagram.refreshDelay(java.time.Duration.ZERO);
        }
    }

    /** The same URL, sent to the given server instead of the public one. */
    private static URI on(PlugKitServer server, URI url) {
        return URI.create(
                server.baseUrl() + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }
}
