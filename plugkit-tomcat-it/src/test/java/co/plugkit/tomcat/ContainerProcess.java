package co.plugkit.tomcat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A servlet container distribution run as a separate process on its own base folder (a loopback HTTP
 * port picked here, the console captured into a file), whatever its start script. {@link #close()}
 * stops it the way Ctrl-C would (SIGTERM, which runs the container's orderly shutdown), and a JVM
 * shutdown hook kills it if the test run itself ends first.
 */
abstract class ContainerProcess implements AutoCloseable {
    private final Path base;
    private final int port;
    private Process process;
    private Thread killer;

    ContainerProcess(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    Path base() {
        return base;
    }

    /** Deploys {@code war} as {@code /name} with the container's own per-deployment configuration file. */
    abstract void deploy(String name, Path war, String configuration) throws IOException;

    /** Removes what {@link #deploy} put in place; the container's scanner then undeploys the webapp. */
    abstract void undeploy(String name) throws IOException;

    /**
     * Starts {@code builder}'s command with its output going to {@link #log()}; the command must exec
     * the container's JVM itself, so that {@link #threadNames()} sees the container's threads.
     */
    void launch(ProcessBuilder builder) throws IOException {
        Files.createDirectories(log().getParent());
        builder.redirectErrorStream(true).redirectOutput(log().toFile());
        process = builder.start();
        killer = new Thread(process::destroyForcibly, "kill-" + base.getFileName());
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** The process's console: what the container prints, PlugKit's log lines (through SLF4J to JUL) included. */
    Path log() {
        return base.resolve("logs/console.log");
    }

    String logText() {
        try {
            return Files.isRegularFile(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the live threads of the container's JVM (our child process). */
    List<String> threadNames() throws IOException, InterruptedException {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        Process dump = new ProcessBuilder(jstack.toString(), Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!dump.waitFor(30, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            throw new IllegalStateException("jstack failed: " + out);
        }
        return out.lines()
                .filter(l -> l.startsWith("\""))
                .map(l -> l.substring(1, l.indexOf('"', 1)))
                .toList();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Polls {@code condition} every 200 ms until it holds or {@code timeout} passes; says whether it held. */
    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Runtime.getRuntime().removeShutdownHook(killer);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
