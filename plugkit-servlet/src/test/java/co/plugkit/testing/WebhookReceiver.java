package co.plugkit.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A host's webhook endpoint on loopback, whose behaviour a test switches: answer 200, answer 500, be slow,
 * close the connection without an answer, or be down (stopped, so the connection is refused).
 */
public final class WebhookReceiver implements AutoCloseable {
    public enum Mode {
        OK,
        ERROR_500,
        SLOW,
        CLOSE
    }

    /** One request as received: lowercase header names, the raw body, and what the receiver answered. */
    public record Received(Map<String, List<String>> headers, String body, int answered) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.OK;
    private volatile long slowMillis = 3_000;
    private HttpServer server;

    public WebhookReceiver() {
        this(0);
    }

    private WebhookReceiver(int port) {
        this.port = startOn(port);
    }

    private int startOn(int wanted) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 50);
        } catch (IOException e) {
            throw new IllegalStateException("the webhook receiver could not bind", e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
            Mode now = mode;
            switch (now) {
                case CLOSE -> {
                    received.add(new Received(headers, new String(body, StandardCharsets.UTF_8), -1));
                    exchange.close(); // no status line: the sender sees the connection closed
                    return;
                }
                case SLOW -> {
                    try {
                        Thread.sleep(slowMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> {}
            }
            int status = now == Mode.ERROR_500 ? 500 : 200;
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/hook");
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    public synchronized void down() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public synchronized void up() {
        startOn(port);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
