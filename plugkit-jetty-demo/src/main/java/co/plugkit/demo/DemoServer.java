package co.plugkit.demo;

import co.plugkit.PlugKit;
import co.plugkit.PlugKitConfig;
import co.plugkit.PlugKitConfigException;
import co.plugkit.sandbox.PlugKitSandbox;
import co.plugkit.secret.ApiKeySecret;
import co.plugkit.secret.JdbcUrls;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PlugKit in a standalone Jetty 12, configured from the environment (design.md §2). Like Jetty's
 * embedded examples, {@link #createServer} assembles a server and {@link #main} runs it; tests call the
 * factory with port 0 and their own environment and data folder.
 *
 * <pre>{@code
 * DemoServer server = DemoServer.createServer(0, env, dataDir, System.out);
 * server.start();
 * // … server.publicUrl() …
 * server.close();
 * }</pre>
 */
public final class DemoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);

    /** Where the demo keeps its H2 database and generated key, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("plugkit-data");

    private final Server jetty;
    private final ServerConnector connector;
    private final HikariDataSource dataSource;
    private final PlugKit plugKit;
    private final PrintStream console;
    private final FirstKeyOffer keyOffer;
    private boolean closed;

    private DemoServer(
            Server jetty,
            ServerConnector connector,
            HikariDataSource dataSource,
            PlugKit plugKit,
            PrintStream console,
            FirstKeyOffer keyOffer) {
        this.jetty = jetty;
        this.keyOffer = keyOffer;
        this.connector = connector;
        this.dataSource = dataSource;
        this.plugKit = plugKit;
        this.console = console;
    }

    /**
     * Binds the port, opens the database (migrating PlugKit's tables) and mounts PlugKit; {@link #start()}
     * then serves. The port is bound first so that the default public URL, and with it the redirect URI,
     * carries the real port even when {@code port} is 0.
     *
     * @param port the HTTP port, 0 for any free one
     * @param env the {@code PLUGKIT_*} variables ({@code System.getenv()} in {@link #main})
     * @param dataDir the folder for the embedded database and the generated encryption key
     * @param console where the first start shows its generated API key
     * @throws PlugKitConfigException if a setting is missing or invalid; the message names it
     * @throws DemoStartException if the port or the database cannot be used
     */
    public static DemoServer createServer(int port, Map<String, String> env, Path dataDir, PrintStream console) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(console, "console");
        DemoEnvironment environment = new DemoEnvironment(env);
        environment.checkSupported(); // before anything is bound or written

        Server jetty = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // Jetty reuses header values seen earlier on a kept-alive connection, matched ignoring case by
        // default; an API key differing only in case must not pass for the real one.
        http.setHeaderCacheCaseSensitive(true);
        // No "Server: Jetty(12.x)" header: a version number only helps whoever looks for a known hole.
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setPort(port);
        jetty.addConnector(connector);
        HikariDataSource dataSource = null;
        // PlugKit's and the pool's meters, served as Prometheus text at /admin/metrics (docs/metrics.md).
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            bind(connector, port);
            PlugKitConfig config = environment.config(connector.getLocalPort(), new DataFolder(dataDir));
            dataSource = DemoDatabase.open(config, metrics);
            // Plugged in always: PlugKit starts the sandbox only in sandbox mode (plugkit.sandbox=true).
            PlugKit plugKit = PlugKit.builder()
                    .config(config)
                    .dataSource(dataSource)
                    .sandbox(new PlugKitSandbox())
                    .meterRegistry(metrics)
                    .build();

            FirstKeyOffer keyOffer = new FirstKeyOffer();
            ServletContextHandler context = new ServletContextHandler("/");
            context.addServletContainerInitializer((classes, servletContext) -> {
                plugKit.register(servletContext);
                HomePage.register(servletContext, config, keyOffer);
                DemoWebhooks.register(servletContext);
                DemoMetricsServlet.register(servletContext, config.adminToken(), metrics);
            });
            jetty.setHandler(context);
            LOG.info(
                    "Database: {}",
                    environment.usesEmbeddedDatabase()
                            ? "embedded H2 in " + dataDir.toAbsolutePath().normalize()
                            : JdbcUrls.withoutParameters(config.dbUrl().orElseThrow()));
            return new DemoServer(jetty, connector, dataSource, plugKit, console, keyOffer);
        } catch (RuntimeException e) {
            // Leave nothing open behind a failed start: the port and the pool (and with it the H2 file lock).
            connector.close();
            if (dataSource != null) {
                dataSource.close();
            }
            throw e;
        }
    }

    /**
     * Serves requests, then prints the start-up block (the URL to open, sandbox or Instagram, the redirect
     * URI). On the first start of a data folder (no bootstrap key, no key yet) it creates an API key, shows
     * it in that block once and lets the home page fill it in for a browser on this machine; the key is
     * created only after Jetty is up, so a key that is shown works.
     */
    public void start() throws Exception {
        try {
            jetty.start();
            Optional<ApiKeySecret> created = FirstApiKey.ensure(plugKit);
            PlugKitConfig config = plugKit.config();
            LOG.info("PlugKit demo listening on port {}: {}", port(), config.publicUrl());
            LOG.info("Instagram redirect URI: {}", config.redirectUri());
            created.ifPresent(keyOffer::created);
            StartupBanner.print(console, config, created);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The port the connector is bound to (the real one when 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL browsers and API clients use, e.g. {@code http://localhost:8080}. */
    public URI publicUrl() {
        return plugKit.config().publicUrl();
    }

    /** The redirect URI to register with Instagram. */
    public URI redirectUri() {
        return plugKit.config().redirectUri();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops serving, then closes PlugKit and the pool; safe to call twice (e.g. from a shutdown hook). */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            jetty.stop();
        } finally {
            plugKit.close();
            dataSource.close();
            LOG.info("PlugKit demo stopped");
        }
    }

    /**
     * Runs the demo from the environment. A configuration or start-up problem is printed as one message
     * and exits non-zero: the person can fix it without a stack trace.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        DemoServer server;
        try {
            server = createServer(DemoEnvironment.port(env), env, DEFAULT_DATA_DIR, System.out);
        } catch (PlugKitConfigException e) {
            exit(2, "configuration error: " + e.getMessage());
            return;
        } catch (DemoStartException e) {
            exit(1, e.getMessage());
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                            } catch (Exception e) {
                                System.err.println("PlugKit demo did not stop cleanly: " + e);
                            }
                        },
                        "plugkit-demo-shutdown"));
        server.start();
        server.join();
    }

    private static void bind(ServerConnector connector, int port) {
        try {
            connector.open();
        } catch (IOException e) {
            throw new DemoStartException(
                    "Could not listen on port " + port + " (" + e.getMessage() + "); set PLUGKIT_PORT to a free port",
                    e);
        }
    }

    private static void exit(int status, String message) {
        System.err.println("PlugKit demo: " + message);
        System.exit(status);
    }
}
