package co.plugkit.bench;

import co.plugkit.PlugKit;
import co.plugkit.PlugKitConfig;
import co.plugkit.PlugKitConfigBuilder;
import co.plugkit.testing.TestKeys;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * PlugKit and the baseline in one Jetty 12 server: the same connector, thread pool and servlet context, so
 * the only difference between a PlugKit route and {@value #CONSTANT_PATH} is PlugKit's own work. The
 * request threads are named {@code plugkit-http-…}, so their CPU time can be told from the stand-in's.
 */
final class Servers implements AutoCloseable {
    static final String CONSTANT_PATH = "/bench/constant";
    static final String THREAD_PREFIX = "plugkit-http";

    /** About the size of a connect answer, so both routes write a similar body. */
    private static final byte[] CONSTANT = ("{\"authUrl\":\"https://www.instagram.com/oauth/authorize?client_id="
                    + "990602627938098&redirect_uri=http%3A%2F%2F127.0.0.1%2Fv1%2Fconnect%2Finstagram%2Fcallback"
                    + "&response_type=code&scope=instagram_business_basic&state=0123456789abcdef0123456789abcdef\","
                    + "\"state\":\"0123456789abcdef0123456789abcdef\",\"expiresAt\":\"2026-12-01T10:00:00Z\"}")
            .getBytes(StandardCharsets.UTF_8);

    final Server server;
    final URI baseUrl;
    final PlugKit plugKit;

    private Servers(Server server, URI baseUrl, PlugKit plugKit) {
        this.server = server;
        this.baseUrl = baseUrl;
        this.plugKit = plugKit;
    }

    /** PlugKit on {@code dataSource}, talking to the stand-in at {@code instagram}, plus the constant route. */
    static Servers start(DataSource dataSource, URI instagram, UnaryOperator<PlugKitConfigBuilder> customise) {
        QueuedThreadPool pool = new QueuedThreadPool(200, 8);
        pool.setName(THREAD_PREFIX);
        Server server = new Server(pool);
        ServerConnector connector = loopback(server, 0);
        URI baseUrl = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        PlugKitConfig config = customise
                .apply(PlugKitConfig.builder()
                        .publicUrl(baseUrl.toString())
                        .clientId(StandIn.CLIENT_ID)
                        .clientSecret(StandIn.CLIENT_SECRET)
                        .authorizeUrl(instagram + "/oauth/authorize")
                        .apiUrl(instagram.toString())
                        .graphUrl(instagram.toString())
                        .encryptionKey(TestKeys.ENCRYPTION_KEY)
                        .readTimeout(Duration.ofSeconds(10))
                        .refreshEnabled(false)
                        // A load generator is one client address sending many requests: the abuse limits
                        // would measure themselves.
                        .authFailuresPerMinute(0)
                        .authFailuresPerMinutePerKey(0))
                .build();
        PlugKit plugKit =
                PlugKit.builder().config(config).dataSource(dataSource).build();
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer((classes, ctx) -> plugKit.register(ctx));
        context.addServlet(new ServletHolder(new ConstantJson()), CONSTANT_PATH);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
        return new Servers(server, baseUrl, plugKit);
    }

    /** The baseline alone (for the cold-start comparison): Jetty and the constant servlet, nothing else. */
    static Server bare(int port) throws Exception {
        Server server = new Server(new QueuedThreadPool(200, 8));
        loopback(server, port);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new ConstantJson()), "/v1/health");
        context.addServlet(new ServletHolder(new ConstantJson()), CONSTANT_PATH);
        server.setHandler(context);
        server.start();
        return server;
    }

    static ServerConnector loopback(Server server, int port) {
        HttpConfiguration http = new HttpConfiguration();
        // As PlugKit's tests do: API keys are case-sensitive, Jetty's header cache by default is not.
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        try {
            connector.open();
        } catch (IOException e) {
            throw new IllegalStateException("could not bind a loopback port", e);
        }
        return connector;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        plugKit.close();
    }

    /** The baseline: a servlet answering a constant JSON body. */
    static final class ConstantJson extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("application/json");
            resp.setContentLength(CONSTANT.length);
            resp.getOutputStream().write(CONSTANT);
        }
    }
}
