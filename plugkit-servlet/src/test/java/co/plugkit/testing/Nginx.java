package co.plugkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's {@code nginx} package) as a reverse proxy on a loopback port, run in the
 * foreground from a folder of the test's own, with the {@code location} blocks a test gives. Without
 * nginx the test is skipped loudly, or fails under CI ({@link MissingOnThisMachine}).
 */
public final class Nginx implements AutoCloseable {
    private static final Path BINARY = Path.of(System.getProperty("plugkit.nginx", "/usr/sbin/nginx"));

    private final Process process;
    private final Path dir;
    private final int port;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** A loopback port that was free a moment ago: nginx needs its port in its configuration. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts nginx on {@code 127.0.0.1:port} with {@code locations} (nginx {@code location} blocks) in its
     * one server, and waits until it accepts connections.
     */
    public static Nginx start(Path dir, int port, String locations) {
        if (!Files.isExecutable(BINARY)) {
            MissingOnThisMachine.skipOrFail(
                    "the reverse-proxy test", BINARY + " is missing (Debian: apt-get install -y nginx).");
        }
        try {
            Files.createDirectories(dir.resolve("temp"));
            Files.writeString(dir.resolve("nginx.conf"), config(dir, port, locations));
            Process process = new ProcessBuilder(
                            BINARY.toString(),
                            "-p",
                            dir.toString(),
                            "-c",
                            dir.resolve("nginx.conf").toString(),
                            "-e",
                            dir.resolve("error.log").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("nginx.out").toFile())
                    .start();
            Nginx nginx = new Nginx(process, dir, port);
            nginx.awaitListening(Duration.ofSeconds(10));
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What nginx wrote to its error log, for a failure message. */
    public String errorLog() {
        try {
            Path log = dir.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(error log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String config(Path dir, int port, String locations) {
        String temp = dir.resolve("temp").toString();
        // Run as root (CI is), nginx's workers would switch to "nobody", who cannot enter a private
        // temporary folder; they stay with the user that started them.
        String user = System.getProperty("user.name").equals("root") ? "user root;\n" : "";
        return user + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    server {
                        listen 127.0.0.1:%3$d;
                %4$s
                    }
                }
                """.formatted(dir, temp, port, locations.indent(8).stripTrailing());
    }

    private void awaitListening(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("nginx did not listen on " + port + " within " + limit + ": " + output());
    }

    private String output() {
        try {
            Path out = dir.resolve("nginx.out");
            return (Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "") + errorLog();
        } catch (IOException e) {
            return errorLog();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
