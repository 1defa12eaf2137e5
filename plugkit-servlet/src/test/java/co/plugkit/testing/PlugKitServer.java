package co.plugkit.testing;

import co.plugkit.PlugKit;
import co.plugkit.PlugKitConfig;
import co.plugkit.PlugKitConfigBuilder;
import co.plugkit.PlugKitExtension;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.NewWorkspace;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;

/**
 * PlugKit mounted in a real Jetty on a loopback port, on its own H2 database, talking to a
 * {@link FakeInstagram}. The port is bound before PlugKit is built, so the public URL (and with it the
 * redirect URI) is the real one.
 */
public final class PlugKitServer implements AutoCloseable {
    private final Server server;
    private final PlugKit plugKit;
    private final URI baseUrl;
    private final DataSource dataSource;

    private PlugKitServer(Server server, PlugKit plugKit, URI baseUrl, DataSource dataSource) {
        this.server = server;
        this.plugKit = plugKit;
        this.baseUrl = baseUrl;
        this.dataSource = dataSource;
    }

    /** A server on a fresh in-memory H2 database. */
    public static PlugKitServer start(FakeInstagram instagram, MutableClock clock) {
        return start(instagram, clock, h2InMemory(), "", b -> b);
    }

    /**
     * A server on the given database, mounted at {@code contextPath} + {@code /} (PlugKit at the
     * context root), with extra configuration applied by {@code customise}.
     */
    public static PlugKitServer start(
            FakeInstagram instagram,
            MutableClock clock,
            DataSource dataSource,
            String contextPath,
            UnaryOperator<PlugKitConfigBuilder> customise) {
        return start(instagram, clock, dataSource, contextPath, customise, baseUrl -> List.of());
    }

    /** The same, with more providers, made from PlugKit's public URL (their redirect URIs derive from it). */
    public static PlugKitServer start(
            FakeInstagram instagram,
            MutableClock clock,
            DataSource dataSource,
            String contextPath,
            UnaryOperator<PlugKitConfigBuilder> customise,
            java.util.function.Function<URI, List<co.plugkit.provider.Provider>> providers) {
        return start(instagram, clock, dataSource, contextPath, customise, providers, b -> b);
    }

    /** A server on a fresh in-memory H2 database, with the host's own additions to PlugKit's builder. */
    public static PlugKitServer start(
            FakeInstagram instagram, MutableClock clock, UnaryOperator<PlugKit.Builder> host) {
        return start(instagram, clock, h2InMemory(), "", b -> b, baseUrl -> List.of(), host);
    }

    /** The same, with the PlugKit builder customised last (listeners, say). */
    public static PlugKitServer start(
            FakeInstagram instagram,
            MutableClock clock,
            DataSource dataSource,
            String contextPath,
            UnaryOperator<PlugKitConfigBuilder> customise,
            java.util.function.Function<URI, List<co.plugkit.provider.Provider>> providers,
            UnaryOperator<PlugKit.Builder> host) {
        Server server = new Server();
        ServerConnector connector = bindLoopback(server);
        URI baseUrl = URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath);
        PlugKitConfig config = customise
                .apply(PlugKitConfig.builder()
                        .publicUrl(baseUrl.toString())
                        .clientId(FakeInstagram.CLIENT_ID)
                        .clientSecret(FakeInstagram.CLIENT_SECRET)
                        .authorizeUrl(instagram.authorizeUrl().toString())
                        .apiUrl(instagram.baseUrl().toString())
                        .graphUrl(instagram.baseUrl().toString())
                        .encryptionKey(TestKeys.ENCRYPTION_KEY)
                        .adminToken(TestKeys.ADMIN_TOKEN)
                        .readTimeout(java.time.Duration.ofSeconds(2))
                        // Tests drive refresh runs by hand (plugKit().refreshTokensNow()) with their clock.
                        .refreshEnabled(false)
                        // No subscription to Meta's webhooks after a connect: it is a call to Instagram on a
                        // background thread, which would race with the tests that count Instagram's calls or
                        // the tokens it received. The tests of the subscription turn it on.
                        .webhookFields(java.util.List.of())
                        // Many tests send bad keys from 127.0.0.1 on purpose; AbuseLimitsHttpTest turns the
                        // limits on again.
                        .authFailuresPerMinute(0)
                        .authFailuresPerMinutePerKey(0))
                .build();
        instagram.registerRedirectUri(config.redirectUri().toString());
        PlugKit.Builder builder =
                PlugKit.builder().config(config).dataSource(dataSource).clock(clock);
        providers.apply(baseUrl).forEach(builder::provider);
        return launch(server, host.apply(builder).build(), contextPath, baseUrl, dataSource);
    }

    /**
     * A server in sandbox mode on a fresh in-memory H2 database: no Instagram app, the built-in sandbox
     * mounted under {@code prefix}, PlugKit calling it over real HTTP. The read timeout is two seconds, so
     * the sandbox's slow fault stays quick while a busy machine's ordinary answers still fit.
     *
     * @param sandbox the sandbox to plug in ({@code new PlugKitSandbox()} of the plugkit-sandbox module,
     *     which this module cannot depend on)
     */
    public static PlugKitServer startSandbox(java.time.Clock clock, String prefix, PlugKitExtension sandbox) {
        return startSandbox(clock, prefix, sandbox, b -> b);
    }

    /** The same, with the PlugKit builder customised last (listeners, say). */
    public static PlugKitServer startSandbox(
            java.time.Clock clock, String prefix, PlugKitExtension sandbox, UnaryOperator<PlugKit.Builder> host) {
        Server server = new Server();
        ServerConnector connector = bindLoopback(server);
        URI baseUrl = URI.create("http://127.0.0.1:" + connector.getLocalPort() + prefix);
        PlugKitConfig config = PlugKitConfig.builder()
                .publicUrl(baseUrl.toString())
                .pathPrefix(prefix.isEmpty() ? "/" : prefix)
                .sandbox(true)
                .encryptionKey(TestKeys.ENCRYPTION_KEY)
                .readTimeout(java.time.Duration.ofSeconds(2))
                .refreshEnabled(false)
                .authFailuresPerMinute(0)
                .authFailuresPerMinutePerKey(0)
                .build();
        DataSource dataSource = h2InMemory();
        PlugKit plugKit = host.apply(PlugKit.builder()
                        .config(config)
                        .dataSource(dataSource)
                        .clock(clock)
                        .sandbox(sandbox))
                .build();
        return launch(server, plugKit, "", baseUrl, dataSource);
    }

    /**
     * A loopback connector, bound now so that the real port is known before PlugKit is configured.
     * Jetty's per-connection header cache matches values case-insensitively by default, so on a reused
     * connection "Bearer sk_ABC…" would reach PlugKit as the "Bearer sk_abc…" sent before it; API keys
     * and the admin token are case-sensitive, so the cache is made case-sensitive.
     */
    private static ServerConnector bindLoopback(Server server) {
        HttpConfiguration http = new HttpConfiguration();
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        try {
            connector.open();
        } catch (Exception e) {
            throw new IllegalStateException("could not bind a loopback port", e);
        }
        return connector;
    }

    /** Mounts PlugKit through a ServletContainerInitializer, as a host would, and starts Jetty. */
    private static PlugKitServer launch(
            Server server, PlugKit plugKit, String contextPath, URI baseUrl, DataSource dataSource) {
        ServletContextHandler context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
        context.addServletContainerInitializer((classes, ctx) -> plugKit.register(ctx));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("PlugKit's Jetty did not start", e);
        }
        return new PlugKitServer(server, plugKit, baseUrl, dataSource);
    }

    public static JdbcDataSource h2InMemory() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:plugkit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public PlugKit plugKit() {
        return plugKit;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A new workspace and a client holding its first key. */
    public ApiClient newWorkspaceClient(String name) {
        NewWorkspace created = plugKit.createWorkspace(name);
        return new ApiClient(baseUrl, created.apiKey().secret().reveal());
    }

    /** A client for the default workspace, with a fresh key. */
    public ApiClient defaultWorkspaceClient() {
        plugKit.ensureDefaultWorkspace();
        return new ApiClient(
                baseUrl,
                plugKit.createApiKey(WorkspaceId.DEFAULT, "test").secret().reveal());
    }

    /**
     * Every servlet mapping of the context PlugKit was registered on, by servlet name ({@code
     * plugkit:health} → {@code [/v1/health]}): what PlugKit really mounted, for tests that compare it with
     * the documentation.
     */
    public java.util.Map<String, java.util.Collection<String>> servletMappings() {
        ServletContextHandler context = (ServletContextHandler) server.getHandler();
        java.util.Map<String, java.util.Collection<String>> mappings = new java.util.TreeMap<>();
        context.getServletContext()
                .getServletRegistrations()
                .forEach((name, registration) -> mappings.put(name, List.copyOf(registration.getMappings())));
        return mappings;
    }

    /** A client without a key. */
    public ApiClient anonymousClient() {
        return new ApiClient(baseUrl, null);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        plugKit.close();
    }
}
