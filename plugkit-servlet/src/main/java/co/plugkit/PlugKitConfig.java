package co.plugkit;

import co.plugkit.engine.RefreshPolicy;
import co.plugkit.provider.Platform;
import co.plugkit.secret.JdbcUrls;
import co.plugkit.secret.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * PlugKit's settings, validated once and immutable afterwards. Build it in code with {@link #builder()},
 * or read it from any {@link ConfigSource} (environment, properties file, servlet init-params) with
 * {@link Builder#from(ConfigSource)}. Property names are those of the design's configuration table.
 * {@link #toString()} masks every secret.
 */
public final class PlugKitConfig {

    /** The five {@code instagram_business_*} scopes requested unless configured otherwise. */
    public static final List<String> DEFAULT_SCOPES = List.of(
            "instagram_business_basic",
            "instagram_business_manage_messages",
            "instagram_business_manage_comments",
            "instagram_business_content_publish",
            "instagram_business_manage_insights");

    /** The Instagram App ID the sandbox accepts when sandbox mode is on and no client id is configured. */
    public static final String SANDBOX_CLIENT_ID = "000000000000000";

    /** Where the sandbox is mounted, below the public URL (and below the path prefix inside the context). */
    public static final String SANDBOX_PATH = "/sandbox/instagram";

    private static final String SANDBOX_CLIENT_SECRET = "plugkit-sandbox-app-secret";

    private final URI publicUrl;
    private final String pathPrefix;
    private final Optional<String> dbUrl;
    private final Optional<String> dbUser;
    private final Optional<Secret> dbPassword;
    private final Optional<String> dbJndi;
    private final InstagramSettings instagram;
    private final byte[] encryptionKey;
    private final List<URI> allowedRedirectUrls;
    private final Optional<Secret> bootstrapApiKey;
    private final Optional<Secret> adminToken;
    private final Duration stateTtl;
    private final boolean refreshEnabled;
    private final RefreshPolicy refreshPolicy;
    private final boolean sandbox;

    private PlugKitConfig(Builder b) {
        this.publicUrl = absoluteHttpUrl("plugkit.publicUrl", require("plugkit.publicUrl", b.publicUrl));
        this.sandbox = b.sandbox;
        // In sandbox mode the Instagram URLs point at the built-in sandbox below the public URL, and the app
        // credentials are optional: the sandbox accepts whichever pair the configuration ends up with.
        String sandboxBase = publicUrl + SANDBOX_PATH;
        this.pathPrefix = normalisePrefix(b.pathPrefix);
        this.dbUrl = Optional.ofNullable(b.dbUrl);
        this.dbUser = Optional.ofNullable(b.dbUser);
        this.dbPassword = Optional.ofNullable(b.dbPassword).map(Secret::of);
        this.dbJndi = Optional.ofNullable(b.dbJndi);
        this.instagram = new InstagramSettings(
                sandbox && isBlank(b.clientId) ? SANDBOX_CLIENT_ID : require("plugkit.instagram.clientId", b.clientId),
                Secret.of(
                        sandbox && isBlank(b.clientSecret)
                                ? SANDBOX_CLIENT_SECRET
                                : require("plugkit.instagram.clientSecret", b.clientSecret)),
                b.scopes.isEmpty() ? DEFAULT_SCOPES : List.copyOf(b.scopes),
                absoluteHttpUrl(
                        "plugkit.instagram.authorizeUrl", sandbox ? sandboxBase + "/oauth/authorize" : b.authorizeUrl),
                absoluteHttpUrl("plugkit.instagram.apiUrl", sandbox ? sandboxBase : b.apiUrl),
                absoluteHttpUrl("plugkit.instagram.graphUrl", sandbox ? sandboxBase : b.graphUrl),
                graphVersion(b.graphVersion),
                positive("connect timeout", b.connectTimeout),
                positive("read timeout", b.readTimeout),
                b.maxResponseBytes);
        this.encryptionKey = decodeKey(require("plugkit.encryptionKey", b.encryptionKey));
        this.allowedRedirectUrls = b.allowedRedirectUrls.stream()
                .map(u -> absoluteHttpUrl("plugkit.allowedRedirectUrls", u))
                .toList();
        this.bootstrapApiKey = Optional.ofNullable(b.bootstrapApiKey).map(Secret::of);
        this.adminToken = Optional.ofNullable(b.adminToken).map(Secret::of);
        this.stateTtl = positive("state time-to-live", b.stateTtl);
        this.refreshEnabled = b.refreshEnabled;
        try {
            this.refreshPolicy = new RefreshPolicy(
                    b.refreshWindow,
                    b.checkInterval,
                    b.refreshInterval,
                    b.refreshConcurrency,
                    50,
                    Duration.ofMinutes(5));
        } catch (IllegalArgumentException e) {
            throw new PlugKitConfigException("plugkit.refresh.*: " + e.getMessage());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL at which browsers reach PlugKit, including any context path and prefix; no trailing slash. */
    public URI publicUrl() {
        return publicUrl;
    }

    /** Where the routes are mounted inside the servlet context: {@code ""} for the root, else {@code /something}. */
    public String pathPrefix() {
        return pathPrefix;
    }

    /** The redirect URI registered with Instagram: the public URL + {@code /v1/connect/instagram/callback}. */
    public URI redirectUri() {
        return callbackUrl(Platform.INSTAGRAM);
    }

    /** A platform's redirect URI: the public URL + {@code /v1/connect/{platform}/callback}. */
    public URI callbackUrl(Platform platform) {
        return URI.create(publicUrl + "/v1/connect/" + platform.name() + "/callback");
    }

    public Optional<String> dbUrl() {
        return dbUrl;
    }

    public Optional<String> dbUser() {
        return dbUser;
    }

    public Optional<Secret> dbPassword() {
        return dbPassword;
    }

    public Optional<String> dbJndi() {
        return dbJndi;
    }

    public InstagramSettings instagram() {
        return instagram;
    }

    /** The 32-byte key that encrypts tokens at rest (a copy). */
    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    /** URL prefixes that a connect call's {@code redirectUrl} may start with; empty refuses every redirectUrl. */
    public List<URI> allowedRedirectUrls() {
        return allowedRedirectUrls;
    }

    public Optional<Secret> bootstrapApiKey() {
        return bootstrapApiKey;
    }

    public Optional<Secret> adminToken() {
        return adminToken;
    }

    /** How long a connect call's state stays usable. */
    public Duration stateTtl() {
        return stateTtl;
    }

    /** Whether this server runs the background token refresher (hosts may run it elsewhere). */
    public boolean refreshEnabled() {
        return refreshEnabled;
    }

    /** When tokens are refreshed: see {@link RefreshPolicy}. */
    public RefreshPolicy refreshPolicy() {
        return refreshPolicy;
    }

    /**
     * Whether the built-in Instagram sandbox is on ({@code plugkit.sandbox}): PlugKit then mounts it at
     * {@link #SANDBOX_PATH} and every Instagram URL of {@link #instagram()} points at it.
     */
    public boolean sandbox() {
        return sandbox;
    }

    @Override
    public String toString() {
        return "PlugKitConfig{publicUrl=" + publicUrl + ", pathPrefix='" + pathPrefix + "', dbUrl="
                + dbUrl.map(JdbcUrls::withoutParameters).orElse("(none)") + ", dbJndi=" + dbJndi.orElse("(none)")
                + ", instagram=" + instagram
                + ", encryptionKey=****, allowedRedirectUrls=" + allowedRedirectUrls + ", bootstrapApiKey="
                + bootstrapApiKey.map(s -> "****").orElse("(none)") + ", adminToken="
                + adminToken.map(s -> "****").orElse("(none)") + ", stateTtl=" + stateTtl + ", sandbox=" + sandbox
                + ", refreshEnabled=" + refreshEnabled + ", refreshPolicy=" + refreshPolicy + "}";
    }

    /**
     * The Instagram app and endpoints.
     *
     * @param clientId the Instagram App ID
     * @param clientSecret the Instagram App Secret
     * @param scopes the scopes requested, sent comma-separated
     * @param authorizeUrl the browser's authorization endpoint
     * @param apiUrl the host of the code exchange ({@code /oauth/access_token})
     * @param graphUrl the host of the Graph API
     * @param graphVersion the Graph API version used for {@code /me}, such as {@code v25.0}
     * @param connectTimeout how long to wait for a connection to Instagram
     * @param readTimeout how long one call to Instagram may take in all
     * @param maxResponseBytes the largest response body accepted from Instagram
     */
    public record InstagramSettings(
            String clientId,
            Secret clientSecret,
            List<String> scopes,
            URI authorizeUrl,
            URI apiUrl,
            URI graphUrl,
            String graphVersion,
            Duration connectTimeout,
            Duration readTimeout,
            int maxResponseBytes) {}

    /** Collects settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private String publicUrl;
        private String pathPrefix = "/";
        private String dbUrl;
        private String dbUser;
        private String dbPassword;
        private String dbJndi;
        private String clientId;
        private String clientSecret;
        private List<String> scopes = List.of();
        private String authorizeUrl = "https://www.instagram.com/oauth/authorize";
        private String apiUrl = "https://api.instagram.com";
        private String graphUrl = "https://graph.instagram.com";
        private String graphVersion = "v25.0";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(15);
        private int maxResponseBytes = 1024 * 1024;
        private String encryptionKey;
        private List<String> allowedRedirectUrls = List.of();
        private String bootstrapApiKey;
        private String adminToken;
        private Duration stateTtl = Duration.ofMinutes(10);
        private boolean refreshEnabled = true;
        private Duration refreshWindow = RefreshPolicy.defaults().window();
        private Duration refreshInterval = RefreshPolicy.defaults().interval();
        private Duration checkInterval = RefreshPolicy.defaults().checkInterval();
        private int refreshConcurrency = RefreshPolicy.defaults().concurrency();
        private boolean sandbox;

        private Builder() {}

        /** Reads every property this source has; settings it lacks keep their current values. */
        public Builder from(ConfigSource source) {
            Objects.requireNonNull(source, "source");
            read(source, "plugkit.publicUrl", this::publicUrl);
            read(source, "plugkit.pathPrefix", this::pathPrefix);
            read(source, "plugkit.db.url", this::dbUrl);
            read(source, "plugkit.db.user", this::dbUser);
            read(source, "plugkit.db.password", this::dbPassword);
            read(source, "plugkit.db.jndi", this::dbJndi);
            read(source, "plugkit.instagram.clientId", this::clientId);
            read(source, "plugkit.instagram.clientSecret", this::clientSecret);
            read(source, "plugkit.instagram.scopes", v -> scopes(splitList(v)));
            read(source, "plugkit.instagram.authorizeUrl", this::authorizeUrl);
            read(source, "plugkit.instagram.apiUrl", this::apiUrl);
            read(source, "plugkit.instagram.graphUrl", this::graphUrl);
            read(source, "plugkit.instagram.graphVersion", this::graphVersion);
            read(source, "plugkit.encryptionKey", this::encryptionKey);
            read(source, "plugkit.allowedRedirectUrls", v -> allowedRedirectUrls(splitList(v)));
            read(source, "plugkit.bootstrapApiKey", this::bootstrapApiKey);
            read(source, "plugkit.adminToken", this::adminToken);
            read(source, "plugkit.sandbox", v -> sandbox(parseBoolean("plugkit.sandbox", v)));
            read(source, "plugkit.refresh.enabled", v -> refreshEnabled(parseBoolean("plugkit.refresh.enabled", v)));
            read(
                    source,
                    "plugkit.refresh.windowDays",
                    v -> refreshWindow(Duration.ofDays(number("plugkit.refresh.windowDays", v))));
            read(
                    source,
                    "plugkit.refresh.intervalMinutes",
                    v -> refreshInterval(Duration.ofMinutes(number("plugkit.refresh.intervalMinutes", v))));
            read(
                    source,
                    "plugkit.refresh.checkHours",
                    v -> checkInterval(Duration.ofHours(number("plugkit.refresh.checkHours", v))));
            return this;
        }

        /** Whether this server runs the background token refresher (default true). */
        public Builder refreshEnabled(boolean refreshEnabled) {
            this.refreshEnabled = refreshEnabled;
            return this;
        }

        /** Refresh tokens that expire within this long (1 to 59 days; default 30). */
        public Builder refreshWindow(Duration refreshWindow) {
            this.refreshWindow = refreshWindow;
            return this;
        }

        /** How often the background refresher runs (default 1 hour). */
        public Builder refreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
            return this;
        }

        /**
         * How long an active token goes unchecked between refreshes (1 hour to 30 days; default 24 hours):
         * a run asks Instagram's {@code /me} with each token not checked or refreshed for this long.
         */
        public Builder checkInterval(Duration checkInterval) {
            this.checkInterval = checkInterval;
            return this;
        }

        /** How many refreshes run at once on this server (default 4). */
        public Builder refreshConcurrency(int refreshConcurrency) {
            this.refreshConcurrency = refreshConcurrency;
            return this;
        }

        public Builder publicUrl(String publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        public Builder pathPrefix(String pathPrefix) {
            this.pathPrefix = pathPrefix;
            return this;
        }

        public Builder dbUrl(String dbUrl) {
            this.dbUrl = dbUrl;
            return this;
        }

        public Builder dbUser(String dbUser) {
            this.dbUser = dbUser;
            return this;
        }

        public Builder dbPassword(String dbPassword) {
            this.dbPassword = dbPassword;
            return this;
        }

        public Builder dbJndi(String dbJndi) {
            this.dbJndi = dbJndi;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        public Builder authorizeUrl(String authorizeUrl) {
            this.authorizeUrl = authorizeUrl;
            return this;
        }

        public Builder apiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        public Builder graphUrl(String graphUrl) {
            this.graphUrl = graphUrl;
            return this;
        }

        public Builder graphVersion(String graphVersion) {
            this.graphVersion = graphVersion;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** Base64 of 32 random bytes. */
        public Builder encryptionKey(String encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        public Builder allowedRedirectUrls(List<String> allowedRedirectUrls) {
            this.allowedRedirectUrls = List.copyOf(allowedRedirectUrls);
            return this;
        }

        public Builder bootstrapApiKey(String bootstrapApiKey) {
            this.bootstrapApiKey = bootstrapApiKey;
            return this;
        }

        public Builder adminToken(String adminToken) {
            this.adminToken = adminToken;
            return this;
        }

        public Builder stateTtl(Duration stateTtl) {
            this.stateTtl = stateTtl;
            return this;
        }

        /**
         * Turns the built-in Instagram sandbox on or off (off by default). When on, the client id and secret
         * become optional and the authorize, API and Graph URLs are replaced by the sandbox's.
         */
        public Builder sandbox(boolean sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        /** @throws PlugKitConfigException naming the first setting that is missing or invalid */
        public PlugKitConfig build() {
            if (maxResponseBytes < 1024) {
                throw new PlugKitConfigException("the maximum response size must be at least 1024 bytes");
            }
            return new PlugKitConfig(this);
        }

        private static void read(ConfigSource source, String property, Consumer<String> setter) {
            source.get(property).ifPresent(setter);
        }
    }

    private static long number(String property, String value) {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new PlugKitConfigException(property + " must be a positive whole number");
    }

    private static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean parseBoolean(String property, String value) {
        if ("true".equalsIgnoreCase(value.strip())) {
            return true;
        }
        if ("false".equalsIgnoreCase(value.strip())) {
            return false;
        }
        throw new PlugKitConfigException(property + " must be true or false");
    }

    private static String require(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new PlugKitConfigException("Missing setting " + property + " (environment variable "
                    + ConfigSource.environmentName(property) + ")");
        }
        return value.strip();
    }

    private static URI absoluteHttpUrl(String property, String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme();
            if (uri.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new PlugKitConfigException(property + " must be an absolute http(s) URL without query");
            }
            String text = uri.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new PlugKitConfigException(property + " is not a valid URL");
        }
    }

    private static String normalisePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        if (p.contains("*") || p.contains("?") || p.contains("#")) {
            throw new PlugKitConfigException("plugkit.pathPrefix must be a plain path such as /plugkit");
        }
        return p;
    }

    private static String graphVersion(String version) {
        if (version == null || !version.matches("v\\d+\\.\\d+")) {
            throw new PlugKitConfigException("plugkit.instagram.graphVersion must look like v25.0");
        }
        return version;
    }

    private static Duration positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new PlugKitConfigException("the " + what + " must be positive");
        }
        return d;
    }

    private static byte[] decodeKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new PlugKitConfigException("plugkit.encryptionKey must be base64 (of 32 random bytes)");
        }
        if (key.length != 32) {
            Arrays.fill(key, (byte) 0);
            throw new PlugKitConfigException("plugkit.encryptionKey must be base64 of exactly 32 bytes");
        }
        return key;
    }
}
