package co.plugkit.bench;

import co.plugkit.model.Actor;
import co.plugkit.model.EventType;
import co.plugkit.store.NewEvent;
import co.plugkit.store.PlugKitStore;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code webhooks}: the host's webhooks out. {@code --events} events (default 5,000), written through the
 * store as PlugKit writes them (each with its delivery to the one endpoint, as PostgresWebhookDeliveryTest
 * does), are delivered by {@code --nodes} PlugKit servers (default 2) on one PostgreSQL to a local receiver
 * (the JDK's HttpServer answering 204), which counts every delivery by its {@code webhook-id}. Figures:
 * deliveries/s from the first arrival to the last, duplicates and lost events (both must be 0). The
 * baseline is the same receiver driven by the in-JVM loader with as many concurrent senders as there are
 * nodes (each node sends its claimed deliveries one after another).
 */
final class WebhooksBench {
    private WebhooksBench() {}

    static void run(Args args) throws Exception {
        int events = args.integer("events", 5_000);
        int nodes = args.integer("nodes", 2);
        Results results =
                new Results("webhooks", "plugkit-bench/run.sh webhooks --events=" + events + " --nodes=" + nodes);

        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        AtomicInteger baselineHits = new AtomicInteger();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        ExecutorService receiverThreads = Executors.newFixedThreadPool(8);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id == null) {
                baselineHits.incrementAndGet();
            } else {
                long now = System.nanoTime();
                first.compareAndSet(0, now);
                last.set(now);
                received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");

        Databases.resetPostgres();
        List<String> ids = new ArrayList<>();
        // Set-up on a first server: the schema, a workspace and the endpoint; then the events, all written
        // before the delivering nodes start, so the figure is delivery alone, not the writer's pace.
        try (HikariDataSource setupPool = Databases.postgres(4)) {
            Servers setup = Servers.start(
                    setupPool, URI.create("http://127.0.0.1:9"), b -> b.webhooksAllowPrivateTargets(true));
            try {
                Tenant tenant = Tenant.create(setup);
                Load.send(HttpRequest.newBuilder(URI.create(setup.baseUrl + "/v1/webhook-endpoints"))
                        .header("Authorization", "Bearer " + tenant.apiKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + hook + "\"}"))
                        .build());
                setup.close();
                setup = null;
                PlugKitStore store = JdbiPlugKitStore.of(setupPool);
                // Whole milliseconds, as in the test: the database keeps microseconds.
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                for (int batch = 0; batch * 50 < events; batch++) {
                    List<NewEvent> page = new ArrayList<>();
                    for (int i = batch * 50; i < Math.min(events, batch * 50 + 50); i++) {
                        page.add(new NewEvent(
                                tenant.workspace(),
                                EventType.INSTAGRAM_MESSAGE,
                                Optional.empty(),
                                Actor.INSTAGRAM,
                                "{\"n\":" + i + "}"));
                    }
                    store.events().append(page, now).forEach(e -> ids.add(e.id().value()));
                }
            } finally {
                if (setup != null) {
                    setup.close();
                }
            }
        }
        System.out.printf("%d events written%n", ids.size());

        List<HikariDataSource> pools = new ArrayList<>();
        List<Servers> servers = new ArrayList<>();
        double seconds;
        try {
            long cpu0 = Cpu.plugKitNanos();
            long start = System.nanoTime();
            for (int i = 0; i < nodes; i++) {
                pools.add(Databases.postgres(10));
            }
            // Started side by side: each node's first round comes one poll interval after its start, so
            // nodes started one after another would deliver alone for a while.
            servers.addAll(pools.parallelStream()
                    .map(ds -> Servers.start(
                            ds, URI.create("http://127.0.0.1:9"), b -> b.webhooksAllowPrivateTargets(true)))
                    .toList());
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (received.size() < events && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            seconds = (last.get() - first.get()) / 1e9;
            System.out.printf(
                    "%d of %d delivered in %.1f s (%.1f s after the nodes were started)%n",
                    received.size(), events, seconds, (System.nanoTime() - start) / 1e9);
            Thread.sleep(2_000); // anything sent twice would arrive now
            double cpuMs = (Cpu.plugKitNanos() - cpu0) / 1e6;
            System.out.printf(
                    "PlugKit threads' CPU (start-up of the nodes included): %.2f ms per delivery%n",
                    cpuMs / Math.max(1, received.size()));
        } finally {
            for (Servers s : servers) {
                s.close();
            }
            pools.forEach(HikariDataSource::close);
        }

        // The baseline: the same receiver, as many concurrent senders as nodes, POSTs of a similar body.
        // The envelope PlugKit sends for these events is about this size (id, type, createdAt, workspaceId, data).
        String body = "{\"id\":\"evt_0123456789abcdef0123456789\",\"type\":\"instagram.message\","
                + "\"createdAt\":\"2026-12-01T00:00:00.123456Z\",\"workspaceId\":\"ws_0123456789abcdef012345\","
                + "\"data\":{\"n\":0}}";
        HttpRequest post = HttpRequest.newBuilder(hook)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Load.run(nodes, Math.min(events, 1_000), i -> post, 204); // warm-up
        Load.Stats raw = Load.run(nodes, events, i -> post, 204);
        receiver.stop(0);
        receiverThreads.shutdownNow();

        long duplicates = received.values().stream()
                .mapToLong(n -> Math.max(0, n.get() - 1))
                .sum();
        long lost = ids.stream().filter(id -> !received.containsKey(id)).count();
        String label = " (" + events + " events, " + nodes + " nodes, postgresql)";
        double rate = received.size() / Math.max(seconds, 1e-9);
        results.add(
                "webhook deliveries/s" + label,
                rate,
                "1/s",
                "receiver alone, " + nodes + " senders, req/s",
                raw.perSecond(),
                true);
        results.add("webhook duplicates" + label, duplicates, "events", "must be", 0, false, "= 0", duplicates == 0);
        results.add("webhook events lost" + label, lost, "events", "must be", 0, false, "= 0", lost == 0);
        results.save();
    }
}
