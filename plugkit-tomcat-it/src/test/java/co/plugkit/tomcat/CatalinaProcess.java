package co.plugkit.tomcat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * An Apache Tomcat distribution run as a separate process with {@code catalina.sh run}, on its own
 * CATALINA_BASE (the distribution's conf/, a loopback HTTP port, no shutdown port, empty webapps/), so
 * the distribution folder stays untouched. {@link #close()} stops it the way Ctrl-C would (SIGTERM,
 * which runs Tomcat's orderly shutdown).
 */
final class CatalinaProcess implements AutoCloseable {
    private final Path base;
    private final int port;
    private Process process;
    private Thread killer;

    private CatalinaProcess(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    /** Prepares a CATALINA_BASE under {@code work} for the distribution at {@code home}. */
    static CatalinaProcess prepare(Path home, Path work) throws IOException {
        int port = freePort();
        Path base = Files.createDirectories(work.resolve(home.getFileName() + "-" + port));
        for (String dir : List.of("conf", "lib", "logs", "temp", "webapps", "work", "conf/Catalina/localhost")) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path file : conf.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path serverXml = base.resolve("conf/server.xml");
        String server = Files.readString(serverXml)
                .replace("<Server port=\"8005\"", "<Server port=\"-1\"")
                .replace("<Connector port=\"8080\"", "<Connector port=\"" + port + "\" address=\"127.0.0.1\"");
        Files.writeString(serverXml, server);
        return new CatalinaProcess(base, port);
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

    /** Puts a jar on Tomcat's common class path ({@code $CATALINA_BASE/lib}). */
    void addLibrary(Path jar) throws IOException {
        Files.copy(jar, base.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deploys {@code war} as {@code /name} with the context descriptor {@code conf/Catalina/localhost/name.xml}. */
    void deploy(String name, Path war, String contextDescriptor) throws IOException {
        Files.writeString(base.resolve("conf/Catalina/localhost/" + name + ".xml"), contextDescriptor);
        Files.copy(war, base.resolve("webapps/" + name + ".war"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the WAR; Tomcat's auto-deployer then undeploys the webapp within about ten seconds. */
    void undeploy(String name) throws IOException {
        Files.deleteIfExists(base.resolve("webapps/" + name + ".war"));
    }

    /** Runs {@code catalina.sh run} with {@code environment} added to this process's own. */
    void start(Path home, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "sh", home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(log().toFile());
        builder.environment().putAll(environment);
        builder.environment().put("CATALINA_HOME", home.toString());
        builder.environment().put("CATALINA_BASE", base.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("CATALINA_OPTS");
        process = builder.start();
        killer = new Thread(process::destroyForcibly, "kill-catalina-" + port);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** The process's console: what catalina.sh run prints, PlugKit's log lines (through SLF4J to JUL) included. */
    Path log() {
        return base.resolve("logs/console.log");
    }

    String logText() {
        try {
            return Files.readString(log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the live threads of the Tomcat JVM (catalina.sh run execs java, so it is our child). */
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
