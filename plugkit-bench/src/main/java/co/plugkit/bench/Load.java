package co.plugkit.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The in-JVM load generator: a closed loop of {@code threads} clients on one {@link HttpClient} (HTTP/1.1,
 * kept-alive connections), each sending its next request when the last answer arrived. Used where each
 * request differs (a callback consumes its own state) or where latency per request is the figure; wrk
 * cannot send a different request each time without a Lua script and reports no per-route percentiles.
 */
final class Load {
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** What a run measured: requests answered as expected, the others, seconds, and each latency (ns). */
    record Stats(int ok, int failed, double seconds, long[] latencies) {
        double perSecond() {
            return ok / seconds;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
        }
    }

    private Load() {}

    static HttpRequest get(URI uri, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b.GET().build();
    }

    /**
     * Sends requests {@code 0 … total-1} (each made by {@code request}) from {@code threads} clients and
     * counts answers with status {@code expectedStatus}.
     */
    static Stats run(int threads, int total, IntFunction<HttpRequest> request, int expectedStatus) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] latencies = new long[total];
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(
                    () -> {
                        int i;
                        while ((i = next.getAndIncrement()) < total) {
                            HttpRequest r = request.apply(i);
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<String> response = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
                                latencies[i] = System.nanoTime() - t0;
                                if (response.statusCode() == expectedStatus) {
                                    ok.incrementAndGet();
                                } else {
                                    if (failed.incrementAndGet() <= 3) {
                                        System.err.println("unexpected " + response.statusCode() + " from "
                                                + r.uri().getPath() + ": " + abbreviate(response.body()));
                                    }
                                }
                            } catch (IOException e) {
                                latencies[i] = System.nanoTime() - t0;
                                failed.incrementAndGet();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    },
                    "loader-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Stats(ok.get(), failed.get(), seconds, latencies);
    }

    static String send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        request.uri().getPath() + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
