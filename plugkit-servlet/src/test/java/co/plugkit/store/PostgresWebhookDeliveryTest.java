package co.plugkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Actor;
import co.plugkit.model.EventType;
import co.plugkit.model.NewWorkspace;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.Eventually;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestDatabase;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two PlugKit servers on one PostgreSQL database deliver 1,000 events to one endpoint, which answers 500
 * to some first tries: every event arrives (and verifies with the reference library), none is sent by
 * both servers at once, and none is answered 2xx twice — counted at the receiver by event id.
 */
class PostgresWebhookDeliveryTest {
    private static final int EVENTS = 1_000;

    @Test
    void twoServersDeliverEveryEventOnceAndNeverConcurrently() throws Exception {
        // Real time: the reference library refuses timestamps more than five minutes off its clock.
        // Whole milliseconds: the events are written with this clock's instants, which the database would
        // round to microseconds, possibly up, past PlugKit's own (microsecond-ticked) now.
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> firstTries = new ConcurrentHashMap<>();
        List<String> overlaps = new CopyOnWriteArrayList<>();
        List<String> unverified = new CopyOnWriteArrayList<>();
        String[] secret = new String[1];

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
            String id = headers.get("webhook-id").get(0);
            try {
                new Webhook(secret[0]).verify(body, headers);
            } catch (Exception e) {
                unverified.add(id);
            }
            if (inFlight.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.add(id);
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(5));
                boolean fail =
                        firstTries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1
                                && Math.floorMod(id.hashCode(), 10) == 0;
                if (!fail) {
                    successes.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                }
                exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.get(id).decrementAndGet();
                exchange.close();
            }
        });
        receiver.start();

        try (TestDatabase database = TestDatabase.postgres();
                FakeInstagram instagram = new FakeInstagram(clock);
                HikariDataSource poolOne = database.newPool(10);
                HikariDataSource poolTwo = database.newPool(10);
                HikariDataSource writer = database.newPool(4);
                PlugKitServer one =
                        PlugKitServer.start(instagram, clock, poolOne, "", b -> b.webhooksAllowPrivateTargets(true));
                PlugKitServer two =
                        PlugKitServer.start(instagram, clock, poolTwo, "", b -> b.webhooksAllowPrivateTargets(true))) {
            NewWorkspace workspace = one.plugKit().createWorkspace("Acme");
            ApiClient client =
                    new ApiClient(one.baseUrl(), workspace.apiKey().secret().reveal());
            var created = client.post(
                    "/v1/webhook-endpoints",
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
            assertThat(created.status()).isEqualTo(201);
            secret[0] = created.json().get("secret").asText();

            // The events, written through the store as PlugKit writes them (the deliveries with them).
            PlugKitStore store = JdbiPlugKitStore.of(writer);
            WorkspaceId ws = workspace.workspace().id();
            List<String> ids = new ArrayList<>();
            for (int batch = 0; batch < EVENTS / 50; batch++) {
                List<NewEvent> events = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    events.add(new NewEvent(
                            ws,
                            EventType.INSTAGRAM_MESSAGE,
                            Optional.empty(),
                            Actor.INSTAGRAM,
                            "{\"n\":" + (batch * 50 + i) + "}"));
                }
                store.events().append(events, clock.instant()).forEach(e -> ids.add(e.id().value()));
            }

            // Retries come due as the clock moves: 13 s at a time, past the first pause (10 s + 20%), once
            // every event had its first try (a busy machine may take a while for that).
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (successes.size() < EVENTS && System.nanoTime() < deadline) {
                Thread.sleep(2_000);
                System.out.println("PROGRESS successes=" + successes.size() + " tried=" + firstTries.size()
                        + " overlaps=" + overlaps.size() + " unverified=" + unverified.size());
                if (firstTries.size() == EVENTS) { // every event tried once: move time on for the retries
                    clock.advance(Duration.ofSeconds(13));
                }
            }
            Eventually.until(Duration.ofSeconds(30), "every event delivered", () -> successes.size() == EVENTS);
            Thread.sleep(2_000); // anything sent twice would arrive now

            assertThat(successes.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(successes.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(overlaps).as("events sent by two servers at once").isEmpty();
            assertThat(unverified)
                    .as("deliveries the reference library refused")
                    .isEmpty();
            assertThat(firstTries.values().stream().filter(n -> n.get() > 1).count())
                    .as("events retried after a 500")
                    .isGreaterThan(0);
        } finally {
            receiver.stop(0);
        }
    }
}
