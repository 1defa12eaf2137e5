package co.plugkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Collects PlugKit's settings, from code or from a {@link ConfigSource}; {@link #build()} validates them
 * all at once into an immutable {@link PlugKitConfig}. Start with {@link PlugKitConfig#builder()}.
 */
public final class PlugKitConfigBuilder extends ConfigDraft {
    PlugKitConfigBuilder() {}

    /** Reads every property this source has; settings it lacks keep their current values. */
    public PlugKitConfigBuilder from(ConfigSource source) {
        ConfigProperties.read(Objects.requireNonNull(source, "source"), this);
        return this;
    }

    /** Whether this server runs the background token refresher (default true). */
    public PlugKitConfigBuilder refreshEnabled(boolean refreshEnabled) {
        this.refreshEnabled = refreshEnabled;
        return this;
    }

    /** Refresh tokens that expire within this long (1 to 59 days; default 30). */
    public PlugKitConfigBuilder refreshWindow(Duration refreshWindow) {
        this.refreshWindow = refreshWindow;
        return this;
    }

    /** How often the background refresher runs (default 1 hour). */
    public PlugKitConfigBuilder refreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
        return this;
    }

    /**
     * How long an active token goes unchecked between refreshes (1 hour to 30 days; default 24 hours):
     * a run asks Instagram's {@code /me} with each token not checked or refreshed for this long.
     */
    public PlugKitConfigBuilder checkInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
        return this;
    }

    /** How many refreshes run at once on this server (default 4). */
    public PlugKitConfigBuilder refreshConcurrency(int refreshConcurrency) {
        this.refreshConcurrency = refreshConcurrency;
        return this;
    }

    public PlugKitConfigBuilder publicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
        return this;
    }

    public PlugKitConfigBuilder pathPrefix(String pathPrefix) {
        this.pathPrefix = pathPrefix;
        return this;
    }

    public PlugKitConfigBuilder dbUrl(String dbUrl) {
        this.dbUrl = dbUrl;
        return this;
    }

    public PlugKitConfigBuilder dbUser(String dbUser) {
        this.dbUser = dbUser;
        return this;
    }

    public PlugKitConfigBuilder dbPassword(String dbPassword) {
        this.dbPassword = dbPassword;
        return this;
    }

    public PlugKitConfigBuilder dbJndi(String dbJndi) {
        this.dbJndi = dbJndi;
        return this;
    }

    public PlugKitConfigBuilder clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    public PlugKitConfigBuilder clientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
        return this;
    }

    public PlugKitConfigBuilder scopes(List<String> scopes) {
        this.scopes = List.copyOf(scopes);
        return this;
    }

    public PlugKitConfigBuilder authorizeUrl(String authorizeUrl) {
        this.authorizeUrl = authorizeUrl;
        return this;
    }

    public PlugKitConfigBuilder apiUrl(String apiUrl) {
        this.apiUrl = apiUrl;
        return this;
    }

    public PlugKitConfigBuilder graphUrl(String graphUrl) {
        this.graphUrl = graphUrl;
        return this;
    }

    public PlugKitConfigBuilder graphVersion(String graphVersion) {
        this.graphVersion = graphVersion;
        return this;
    }

    public PlugKitConfigBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    public PlugKitConfigBuilder readTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
        return this;
    }

    public PlugKitConfigBuilder maxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
        return this;
    }

    /** Base64 of 32 random bytes. */
    public PlugKitConfigBuilder encryptionKey(String encryptionKey) {
        this.encryptionKey = encryptionKey;
        return this;
    }

    /** The origin of the page that opens the connect popup, e.g. {@code https://app.example.com}. */
    public PlugKitConfigBuilder openerOrigin(String openerOrigin) {
        this.openerOrigin = openerOrigin;
        return this;
    }

    /**
     * Keys that sealed tokens before the current {@link #encryptionKey}, each base64 of 32 bytes: tokens
     * sealed with them still open, and the background runs seal them again with the current key. Remove
     * them once {@code GET /admin/v1/encryption} shows {@code rowsOnOldKeys} 0 (default: none).
     */
    public PlugKitConfigBuilder encryptionOldKeys(List<String> encryptionOldKeys) {
        this.encryptionOldKeys = List.copyOf(encryptionOldKeys);
        return this;
    }

    public PlugKitConfigBuilder allowedRedirectUrls(List<String> allowedRedirectUrls) {
        this.allowedRedirectUrls = List.copyOf(allowedRedirectUrls);
        return this;
    }

    public PlugKitConfigBuilder bootstrapApiKey(String bootstrapApiKey) {
        this.bootstrapApiKey = bootstrapApiKey;
        return this;
    }

    public PlugKitConfigBuilder adminToken(String adminToken) {
        this.adminToken = adminToken;
        return this;
    }

    public PlugKitConfigBuilder stateTtl(Duration stateTtl) {
        this.stateTtl = stateTtl;
        return this;
    }

    /**
     * Turns the built-in Instagram sandbox on or off (off by default). When on, the client id and secret
     * become optional and the authorize, API and Graph URLs are replaced by the sandbox's.
     */
    public PlugKitConfigBuilder sandbox(boolean sandbox) {
        this.sandbox = sandbox;
        return this;
    }

    /**
     * Failed authentications a client address may make a minute before its authentications are refused
     * with 429 (default 20; 0: no limit). Kept in memory on each server.
     */
    public PlugKitConfigBuilder authFailuresPerMinute(int authFailuresPerMinute) {
        this.authFailuresPerMinute = authFailuresPerMinute;
        return this;
    }

    /**
     * Failed authentications a minute with keys sharing one key prefix ({@code sk_} and 8 hex digits), from
     * any address (default 20; 0: no limit).
     */
    public PlugKitConfigBuilder authFailuresPerMinutePerKey(int authFailuresPerMinutePerKey) {
        this.authFailuresPerMinutePerKey = authFailuresPerMinutePerKey;
        return this;
    }

    /** Requests a minute one API key may make on this server (default 0: no limit). */
    public PlugKitConfigBuilder requestsPerMinutePerKey(int requestsPerMinutePerKey) {
        this.requestsPerMinutePerKey = requestsPerMinutePerKey;
        return this;
    }

    // --- Using connected accounts over HTTP (Graph API proxy, token export) ---

    /**
     * Whether {@code GET /v1/accounts/{id}/token} hands an account's access token to API clients (default
     * false: the route answers 404 and tokens never leave the server).
     */
    public PlugKitConfigBuilder exposeTokens(boolean exposeTokens) {
        this.exposeTokens = exposeTokens;
        return this;
    }

    /** The deadline of one Graph API proxy call, its answer's body included (default 30 seconds). */
    public PlugKitConfigBuilder proxyTimeout(Duration proxyTimeout) {
        this.proxyTimeout = proxyTimeout;
        return this;
    }

    /** The largest answer body the Graph API proxy passes on (default 8 MiB); a larger one is answered 502. */
    public PlugKitConfigBuilder proxyMaxResponseBytes(int proxyMaxResponseBytes) {
        this.proxyMaxResponseBytes = proxyMaxResponseBytes;
        return this;
    }

    // --- Events and webhooks (docs/events.md) ---

    /** What Meta must send as {@code hub.verify_token} ({@code plugkit.instagram.webhookVerifyToken}). */
    public PlugKitConfigBuilder webhookVerifyToken(String token) {
        this.webhookVerifyToken = token;
        return this;
    }

    /** The fields accounts are subscribed to on connect; empty turns subscribing off. */
    public PlugKitConfigBuilder webhookFields(List<String> fields) {
        this.webhookFields = List.copyOf(fields);
        return this;
    }

    /** How long a webhook endpoint has to connect and answer before the delivery is retried (default 10 s). */
    public PlugKitConfigBuilder webhookTimeout(Duration timeout) {
        this.webhookTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Whether webhook endpoints may be private addresses, over http too (development and tests only). */
    public PlugKitConfigBuilder webhooksAllowPrivateTargets(boolean allow) {
        this.webhooksAllowPrivateTargets = allow;
        return this;
    }

    /**
     * How many days events (the audit trail, and the outbox of listeners and webhook endpoints) are kept
     * (default 90; 0: kept forever). Older ones are deleted in the background, except those whose webhook
     * deliveries are still pending.
     */
    public PlugKitConfigBuilder eventRetentionDays(int days) {
        this.eventRetentionDays = days;
        return this;
    }

    /** @throws PlugKitConfigException naming the first setting that is missing or invalid */
    public PlugKitConfig build() {
        if (maxResponseBytes < 1024) {
            throw new PlugKitConfigException("the maximum response size must be at least 1024 bytes");
        }
        return new PlugKitConfig(this);
    }
}
