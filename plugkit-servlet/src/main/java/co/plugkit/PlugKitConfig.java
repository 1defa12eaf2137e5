package co.plugkit;

import co.plugkit.provider.Platform;
import co.plugkit.secret.JdbcUrls;
import co.plugkit.secret.Secret;
import co.plugkit.settings.AbuseLimits;
import co.plugkit.settings.AccountAccess;
import co.plugkit.settings.InstagramSettings;
import co.plugkit.settings.RefreshPolicy;
import co.plugkit.settings.WebhookSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * PlugKit's settings, validated once and immutable afterwards. Build it in code with {@link #builder()},
 * or read it from any {@link ConfigSource} (environment, properties file, servlet init-params) with
 * {@link PlugKitConfigBuilder#from(ConfigSource)}. Property names are listed in docs/configuration.md.
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

    /** How many days events are kept unless configured otherwise ({@code plugkit.events.retentionDays}). */
    public static final int DEFAULT_EVENT_RETENTION_DAYS = 90;

    /** The longest retention that can be configured: 100 years, effectively forever, as 0 is. */
    public static final int MAX_EVENT_RETENTION_DAYS = 36_500;

    private final URI publicUrl;
    private final String pathPrefix;
    private final Optional<String> dbUrl;
    private final Optional<String> dbUser;
    private final Optional<Secret> dbPassword;
    private final Optional<String> dbJndi;
    private final InstagramSettings instagram;
    private final byte[] encryptionKey;
    private final List<byte[]> encryptionOldKeys;
    private final List<URI> allowedRedirectUrls;
    private final String openerOrigin;
    private final Optional<Secret> bootstrapApiKey;
    private final Optional<Secret> adminToken;
    private final Duration stateTtl;
    private final boolean refreshEnabled;
    private final RefreshPolicy refreshPolicy;
    private final boolean sandbox;
    private final AbuseLimits abuseLimits;
    private final AccountAccess accountAccess;
    private final WebhookSettings webhooks;
    private final Optional<Duration> eventRetention;

    PlugKitConfig(PlugKitConfigBuilder b) {
        this.publicUrl = ConfigValues.absoluteHttpUrl(
                "plugkit.publicUrl", ConfigValues.require("plugkit.publicUrl", b.publicUrl));
        this.sandbox = b.sandbox;
        // In sandbox mode the Instagram URLs point at the built-in sandbox below the public URL, and the app
        // credentials are optional: the sandbox accepts whichever pair the configuration ends up with.
        String sandboxBase = publicUrl + SANDBOX_PATH;
        this.pathPrefix = ConfigValues.normalisePrefix(b.pathPrefix);
        this.dbUrl = Optional.ofNullable(b.dbUrl);
        this.dbUser = Optional.ofNullable(b.dbUser);
        this.dbPassword = Optional.ofNullable(b.dbPassword).map(Secret::of);
        this.dbJndi = Optional.ofNullable(b.dbJndi);
        this.instagram = new InstagramSettings(
                sandbox && ConfigValues.isBlank(b.clientId)
                        ? SANDBOX_CLIENT_ID
                        : ConfigValues.require("plugkit.instagram.clientId", b.clientId),
                Secret.of(
                        sandbox && ConfigValues.isBlank(b.clientSecret)
                                ? SANDBOX_CLIENT_SECRET
                                : ConfigValues.require("plugkit.instagram.clientSecret", b.clientSecret)),
                b.scopes.isEmpty() ? DEFAULT_SCOPES : List.copyOf(b.scopes),
                ConfigValues.absoluteHttpUrl(
                        "plugkit.instagram.authorizeUrl", sandbox ? sandboxBase + "/oauth/authorize" : b.authorizeUrl),
                ConfigValues.absoluteHttpUrl("plugkit.instagram.apiUrl", sandbox ? sandboxBase : b.apiUrl),
                ConfigValues.absoluteHttpUrl("plugkit.instagram.graphUrl", sandbox ? sandboxBase : b.graphUrl),
                ConfigValues.graphVersion(b.graphVersion),
                ConfigValues.positive("connect timeout", b.connectTimeout),
                ConfigValues.positive("read timeout", b.readTimeout),
                b.maxResponseBytes);
        this.encryptionKey = ConfigValues.decodeKey(ConfigValues.require("plugkit.encryptionKey", b.encryptionKey));
        List<byte[]> oldKeys = new java.util.ArrayList<>();
        for (int i = 0; i < b.encryptionOldKeys.size(); i++) {
            oldKeys.add(ConfigValues.decodeKey(
                    "plugkit.encryptionOldKeys (entry " + (i + 1) + ")", b.encryptionOldKeys.get(i)));
        }
        this.encryptionOldKeys = List.copyOf(oldKeys);
        this.allowedRedirectUrls = b.allowedRedirectUrls.stream()
                .map(u -> ConfigValues.absoluteHttpUrl("plugkit.allowedRedirectUrls", u))
                .toList();
        // The page that opened the connect popup: configured, else the app the allowed redirects go to,
        // else PlugKit's own origin (the demo's page). Never "*": the result goes to that origin only.
        this.openerOrigin = ConfigValues.origin(
                b.openerOrigin != null
                        ? ConfigValues.absoluteHttpUrl("plugkit.openerOrigin", b.openerOrigin)
                        : allowedRedirectUrls.isEmpty() ? publicUrl : allowedRedirectUrls.get(0));
        this.bootstrapApiKey = Optional.ofNullable(b.bootstrapApiKey).map(Secret::of);
        this.adminToken = Optional.ofNullable(b.adminToken).map(Secret::of);
        this.stateTtl = ConfigValues.positive("state time-to-live", b.stateTtl);
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
        try {
            this.webhooks = new WebhookSettings(
                    Optional.ofNullable(b.webhookVerifyToken)
                            .filter(t -> !t.isBlank())
                            .map(Secret::of),
                    b.webhookFields,
                    b.webhooksAllowPrivateTargets,
                    b.webhookTimeout);
        } catch (IllegalArgumentException e) {
            throw new PlugKitConfigException("plugkit.instagram.webhookFields: " + e.getMessage());
        }
        try {
            this.abuseLimits =
                    new AbuseLimits(b.authFailuresPerMinute, b.authFailuresPerMinutePerKey, b.requestsPerMinutePerKey);
        } catch (IllegalArgumentException e) {
            throw new PlugKitConfigException(
                    "plugkit.auth.failuresPerMinute[PerKey], plugkit.api.requestsPerMinutePerKey: " + e.getMessage());
        }
        if (b.eventRetentionDays < 0 || b.eventRetentionDays > MAX_EVENT_RETENTION_DAYS) {
            throw new PlugKitConfigException(ConfigValues.RETENTION_RANGE);
        }
        this.eventRetention =
                b.eventRetentionDays == 0 ? Optional.empty() : Optional.of(Duration.ofDays(b.eventRetentionDays));
        try {
            this.accountAccess = new AccountAccess(b.exposeTokens, b.proxyTimeout, b.proxyMaxResponseBytes);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PlugKitConfigException(
                    "plugkit.api.proxyTimeoutSeconds, plugkit.api.proxyMaxResponseBytes: " + e.getMessage());
        }
    }

    public static PlugKitConfigBuilder builder() {
        return new PlugKitConfigBuilder();
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

    /**
     * The keys that sealed tokens before {@link #encryptionKey()} (copies, 32 bytes each): they still open
     * tokens, which are sealed again with the current key in the background. Empty unless rotating.
     */
    public List<byte[]> encryptionOldKeys() {
        return encryptionOldKeys.stream().map(byte[]::clone).toList();
    }

    /** URL prefixes that a connect call's {@code redirectUrl} may start with; empty refuses every redirectUrl. */
    public List<URI> allowedRedirectUrls() {
        return allowedRedirectUrls;
    }

    /**
     * The origin ({@code scheme://host[:port]}) of the page that opens the connect popup: the callback's
     * result page posts its message to this origin only ({@code plugkit.openerOrigin}; by default the
     * first allowed redirect URL's origin, else the public URL's).
     */
    public String openerOrigin() {
        return openerOrigin;
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

    /** The limits on failed authentications and on requests per key, per server: see {@link AbuseLimits}. */
    public AbuseLimits abuseLimits() {
        return abuseLimits;
    }

    /** How API clients may use connected accounts: the Graph API proxy and token export ({@link AccountAccess}). */
    public AccountAccess accountAccess() {
        return accountAccess;
    }

    /** Meta's webhooks and the host's webhook endpoints: see {@link WebhookSettings}. */
    public WebhookSettings webhooks() {
        return webhooks;
    }

    /**
     * How long events (the audit trail and the outbox) are kept before the background deletes them
     * ({@code plugkit.events.retentionDays}); empty: kept forever.
     */
    public Optional<Duration> eventRetention() {
        return eventRetention;
    }

    @Override
    public String toString() {
        return "PlugKitConfig{publicUrl=" + publicUrl + ", pathPrefix='" + pathPrefix + "', dbUrl="
                + dbUrl.map(JdbcUrls::withoutParameters).orElse("(none)") + ", dbJndi=" + dbJndi.orElse("(none)")
                + ", instagram=" + instagram
                + ", encryptionKey=****, encryptionOldKeys="
                + (encryptionOldKeys.isEmpty() ? "(none)" : encryptionOldKeys.size() + " x ****")
                + ", allowedRedirectUrls=" + allowedRedirectUrls + ", bootstrapApiKey="
                + bootstrapApiKey.map(s -> "****").orElse("(none)") + ", adminToken="
                + adminToken.map(s -> "****").orElse("(none)") + ", stateTtl=" + stateTtl + ", sandbox=" + sandbox
                + ", refreshEnabled=" + refreshEnabled + ", refreshPolicy=" + refreshPolicy + ", abuseLimits="
                + abuseLimits + ", accountAccess=" + accountAccess
                + ", webhooks=" + webhooks + ", eventRetention="
                + eventRetention.map(Duration::toString).orElse("forever")
                + "}";
    }
}
