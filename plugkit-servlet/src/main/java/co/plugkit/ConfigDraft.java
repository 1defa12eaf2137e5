package co.plugkit;

import co.plugkit.settings.AbuseLimits;
import co.plugkit.settings.AccountAccess;
import co.plugkit.settings.RefreshPolicy;
import co.plugkit.settings.WebhookSettings;
import java.time.Duration;
import java.util.List;

/**
 * The values a {@link PlugKitConfigBuilder} has collected so far, each with its default: what
 * {@link PlugKitConfig} validates and copies once. Kept apart from the builder's setters, which are the
 * public API; package-private, so nothing outside sees a half-built configuration.
 */
abstract class ConfigDraft {
    String publicUrl;
    String pathPrefix = "/";
    String dbUrl;
    String dbUser;
    String dbPassword;
    String dbJndi;
    String clientId;
    String clientSecret;
    List<String> scopes = List.of();
    String authorizeUrl = "https://www.instagram.com/oauth/authorize";
    String apiUrl = "https://api.instagram.com";
    String graphUrl = "https://graph.instagram.com";
    String graphVersion = "v25.0";
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration readTimeout = Duration.ofSeconds(15);
    int maxResponseBytes = 1024 * 1024;
    boolean exposeTokens = AccountAccess.defaults().exposeTokens();
    Duration proxyTimeout = AccountAccess.defaults().proxyTimeout();
    int proxyMaxResponseBytes = AccountAccess.defaults().proxyMaxResponseBytes();
    String encryptionKey;
    List<String> encryptionOldKeys = List.of();
    List<String> allowedRedirectUrls = List.of();
    String openerOrigin;
    String bootstrapApiKey;
    String adminToken;
    Duration stateTtl = Duration.ofMinutes(10);
    boolean refreshEnabled = true;
    Duration refreshWindow = RefreshPolicy.defaults().window();
    Duration refreshInterval = RefreshPolicy.defaults().interval();
    Duration checkInterval = RefreshPolicy.defaults().checkInterval();
    int refreshConcurrency = RefreshPolicy.defaults().concurrency();
    boolean sandbox;
    int authFailuresPerMinute = AbuseLimits.defaults().failuresPerAddress();
    int authFailuresPerMinutePerKey = AbuseLimits.defaults().failuresPerKeyPrefix();
    int requestsPerMinutePerKey = AbuseLimits.defaults().requestsPerKey();
    String webhookVerifyToken;
    List<String> webhookFields = WebhookSettings.DEFAULT_FIELDS;
    boolean webhooksAllowPrivateTargets;
    Duration webhookTimeout = Duration.ofSeconds(10);
    int eventRetentionDays = PlugKitConfig.DEFAULT_EVENT_RETENTION_DAYS;
}
