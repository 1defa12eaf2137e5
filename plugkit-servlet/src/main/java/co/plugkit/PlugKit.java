package co.plugkit;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.Engine;
import co.plugkit.internal.engine.TokenRefresher;
import co.plugkit.internal.instagram.NimbusInstagramClient;
import co.plugkit.internal.web.Routes;
import co.plugkit.internal.web.ServletMount;
import co.plugkit.model.AccountToken;
import co.plugkit.model.AccountUnavailableException;
import co.plugkit.model.ApiKey;
import co.plugkit.model.NewApiKey;
import co.plugkit.model.NewWorkspace;
import co.plugkit.model.Workspace;
import co.plugkit.provider.Provider;
import co.plugkit.store.PlugKitStore;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PlugKit's entry point: build one instance from a {@link PlugKitConfig} and a database, then mount its
 * routes in any servlet container.
 *
 * <pre>{@code
 * PlugKit plugKit = PlugKit.builder()
 *         .config(PlugKitConfig.builder().from(ConfigSource.environment(System.getenv())).build())
 *         .dataSource(dataSource)
 *         .build();
 * plugKit.register(servletContext); // at plugkit.pathPrefix, "/" by default
 * }</pre>
 *
 * Nothing in PlugKit is static: two instances (two webapps, or two prefixes) never see each other.
 */
public final class PlugKit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlugKit.class);

    private final PlugKitConfig config;
    private final Engine engine;
    private final BackgroundJobs jobs;
    private final Routes routes;
    private final Optional<PlugKitExtension.Routes> sandboxRoutes;
    private final NimbusInstagramClient instagramClient;

    private PlugKit(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        PlugKitAssembly.Parts parts = PlugKitAssembly.assemble(
                config, b.clock, b::store, b.providers, b.sandbox, b.meterRegistry, b.listeners);
        this.engine = parts.engine();
        this.jobs = parts.jobs();
        this.routes = parts.routes();
        this.sandboxRoutes = parts.sandboxRoutes();
        this.instagramClient = parts.instagramClient();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mounts every route at the configured {@code plugkit.pathPrefix}. */
    public void register(ServletContext context) {
        register(context, config.pathPrefix());
    }

    /**
     * Mounts every route under {@code prefix} inside the context. Call it during context initialisation,
     * e.g. from a {@code ServletContainerInitializer}.
     */
    public void register(ServletContext context, String prefix) {
        Objects.requireNonNull(context, "context");
        String p = prefix == null || prefix.equals("/") ? "" : prefix.replaceAll("/+$", "");
        routes.register(context, p);
        sandboxRoutes.ifPresent(sandbox -> {
            // The sandbox's servlets go through the same all-or-nothing mount as PlugKit's own routes.
            sandbox.register((name, servlet, pattern) ->
                    ServletMount.mount(context, "plugkit" + p + ":" + name, servlet, p + pattern));
            MountLog.sandboxOn(config);
        });
        MountLog.mounted(config, context.getContextPath() + p);
    }

    public PlugKitConfig config() {
        return config;
    }

    /** A new workspace (tenant) with its first API key, shown only here. */
    public NewWorkspace createWorkspace(String name) {
        return engine.workspaces().create(Objects.requireNonNull(name, "name"));
    }

    /** The workspace of single-tenant hosts ({@link WorkspaceId#DEFAULT}), created if absent. */
    public Workspace ensureDefaultWorkspace() {
        return engine.workspaces().ensureDefault();
    }

    /** A new API key of a workspace, its plaintext shown only here (a WAR's first key, an admin screen). */
    public NewApiKey createApiKey(WorkspaceId workspace, String name) {
        return engine.apiKeys()
                .create(Objects.requireNonNull(workspace, "workspace"), Objects.requireNonNull(name, "name"));
    }

    /** A workspace's active API keys, without their secrets. */
    public List<ApiKey> apiKeys(WorkspaceId workspace) {
        return engine.apiKeys().list(Objects.requireNonNull(workspace, "workspace"));
    }

    /**
     * One token refresh run now, on the calling thread: for hosts that run refreshes on their own schedule
     * ({@code plugkit.refresh.enabled=false}), and for tests with a controlled clock.
     */
    public RefreshReport refreshTokensNow() {
        TokenRefresher.Report r = engine.refresher().runOnce();
        return new RefreshReport(
                r.refreshed(), r.checked(), r.needsReconnect(), r.deferred(), r.superseded(), r.expired());
    }

    /**
     * The current access token of an account, for a host calling Instagram itself in this JVM
     * (docs/using-accounts.md); a token due for a refresh is refreshed first, under the refresher's lease.
     *
     * @throws AccountUnavailableException if the account is unknown in the workspace or not active
     */
    public AccountToken accessToken(WorkspaceId workspace, AccountId account) throws AccountUnavailableException {
        return engine.accountTokens()
                .current(Objects.requireNonNull(workspace, "workspace"), Objects.requireNonNull(account, "account"))
                .forHost();
    }

    /**
     * One run of the key rotation's re-seal now, on the calling thread: every token still sealed with an
     * old key ({@code plugkit.encryptionOldKeys}) is sealed again with {@code plugkit.encryptionKey}. The
     * background runs do this after each refresh run; hosts that run refreshes on their own schedule
     * ({@code plugkit.refresh.enabled=false}) call this too. Nothing happens without old keys.
     *
     * @return how many tokens were sealed again
     */
    public int resealTokensNow() {
        return engine.resealer().runOnce().resealed();
    }

    /**
     * One run of the event retention now, on the calling thread: deletes up to a run's share of the events
     * older than {@code plugkit.events.retentionDays} (those with pending webhook deliveries are kept). The
     * background does this every 15 minutes; this is for tests with a controlled clock and for hosts that
     * want it done at a moment of their choosing. Nothing happens when events are kept forever.
     *
     * @return how many events were deleted
     */
    public int deleteExpiredEventsNow() {
        return jobs.deleteExpiredEventsNow();
    }

    /**
     * Stops PlugKit's threads (refresher, events, HTTP clients) when the webapp stops, after the container
     * stopped serving; the data source is the host's to close. */
    @Override
    public void close() {
        jobs.close();
        engine.refresher().close();
        engine.events().close();
        instagramClient.close();
        LOG.debug("PlugKit closed");
    }

    /** Assembles a {@link PlugKit}. A config and one of store, JDBI or data source are required. */
    public static final class Builder {
        private PlugKitConfig config;
        private PlugKitStore store;
        private Jdbi jdbi;
        private DataSource dataSource;
        private boolean migrate = true;
        private Clock clock = Clock.systemUTC();
        private final List<Provider> providers = new ArrayList<>();
        private PlugKitExtension sandbox;
        private Object meterRegistry; // a MeterRegistry, kept as Object so the builder loads without Micrometer
        private final List<PlugKitEventListener> listeners = new ArrayList<>();

        private Builder() {}

        /** Adds a listener of PlugKit's events, called after each change commits ({@link PlugKitEventListener}). */
        public Builder listener(PlugKitEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder config(PlugKitConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The database; PlugKit migrates its tables in it on {@link #build()} unless told not to. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** A JDBI instance of the host's; its schema must be migrated by the host (see {@link JdbiPlugKitStore}). */
        public Builder jdbi(Jdbi jdbi) {
            this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
            return this;
        }

        /** A store of the host's own making, instead of the JDBI one. */
        public Builder store(PlugKitStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Whether {@link #build()} runs PlugKit's Flyway migrations on the data source (default true). */
        public Builder runMigrations(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /** The clock for every expiry PlugKit computes; tests pass a controllable one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Adds a provider of another platform: its accounts connect at {@code /v1/connect/{platform}}, with
         * the redirect URI {@code {publicUrl}/v1/connect/{platform}/callback}. Instagram's is always there.
         */
        public Builder provider(Provider provider) {
            this.providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * The Instagram sandbox of the {@code co.plugkit:plugkit-sandbox} module, {@code new PlugKitSandbox()}:
         * started and mounted at {@link PlugKitConfig#SANDBOX_PATH} when {@code plugkit.sandbox} is true,
         * unused otherwise (so a host may always pass it). Without it, sandbox mode is refused on
         * {@link #build()}.
         */
        public Builder sandbox(PlugKitExtension sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        /**
         * Records PlugKit's {@code plugkit.*} metrics (docs/metrics.md) on a Micrometer registry. Without
         * one, PlugKit records nothing and needs no Micrometer on the class path: only this method names a
         * Micrometer type, and the JVM resolves it only when the method is called.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Builds PlugKit, runs the migrations if asked, and seeds the bootstrap API key if one is
         * configured.
         */
        public PlugKit build() {
            PlugKit plugKit = new PlugKit(this);
            try {
                plugKit.config.bootstrapApiKey().ifPresent(key -> BootstrapKey.store(key, plugKit.engine));
            } catch (RuntimeException e) {
                plugKit.close(); // the refresher's threads are already running; a failed build must not leak them
                throw e;
            }
            return plugKit;
        }

        private PlugKitStore store() {
            return StoreChoice.of(store, jdbi, dataSource, migrate);
        }
    }
}
