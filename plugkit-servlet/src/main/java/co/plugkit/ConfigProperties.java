package co.plugkit;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Every property PlugKit reads from a {@link ConfigSource}, and the builder setting each one fills: the
 * table of design.md §2 in code. A new setting is a builder field with its setter, one line here, and its
 * row in docs/configuration.md.
 */
final class ConfigProperties {
    private ConfigProperties() {}

    static void read(ConfigSource source, PlugKitConfigBuilder b) {
        read(source, "plugkit.publicUrl", b::publicUrl);
        read(source, "plugkit.pathPrefix", b::pathPrefix);
        read(source, "plugkit.db.url", b::dbUrl);
        read(source, "plugkit.db.user", b::dbUser);
        read(source, "plugkit.db.password", b::dbPassword);
        read(source, "plugkit.db.jndi", b::dbJndi);
        read(source, "plugkit.instagram.clientId", b::clientId);
        read(source, "plugkit.instagram.clientSecret", b::clientSecret);
        read(source, "plugkit.instagram.scopes", v -> b.scopes(ConfigValues.splitList(v)));
        read(source, "plugkit.instagram.authorizeUrl", b::authorizeUrl);
        read(source, "plugkit.instagram.apiUrl", b::apiUrl);
        read(source, "plugkit.instagram.graphUrl", b::graphUrl);
        read(source, "plugkit.instagram.graphVersion", b::graphVersion);
        read(source, "plugkit.encryptionKey", b::encryptionKey);
        read(source, "plugkit.openerOrigin", b::openerOrigin);
        read(source, "plugkit.encryptionOldKeys", v -> b.encryptionOldKeys(ConfigValues.splitList(v)));
        read(source, "plugkit.allowedRedirectUrls", v -> b.allowedRedirectUrls(ConfigValues.splitList(v)));
        read(source, "plugkit.bootstrapApiKey", b::bootstrapApiKey);
        read(source, "plugkit.adminToken", b::adminToken);
        read(source, "plugkit.sandbox", v -> b.sandbox(ConfigValues.parseBoolean("plugkit.sandbox", v)));
        read(
                source,
                "plugkit.refresh.enabled",
                v -> b.refreshEnabled(ConfigValues.parseBoolean("plugkit.refresh.enabled", v)));
        read(
                source,
                "plugkit.refresh.windowDays",
                v -> b.refreshWindow(Duration.ofDays(ConfigValues.number("plugkit.refresh.windowDays", v))));
        read(
                source,
                "plugkit.refresh.intervalMinutes",
                v -> b.refreshInterval(Duration.ofMinutes(ConfigValues.number("plugkit.refresh.intervalMinutes", v))));
        read(
                source,
                "plugkit.refresh.checkHours",
                v -> b.checkInterval(Duration.ofHours(ConfigValues.number("plugkit.refresh.checkHours", v))));
        read(
                source,
                "plugkit.auth.failuresPerMinute",
                v -> b.authFailuresPerMinute(ConfigValues.limit("plugkit.auth.failuresPerMinute", v)));
        read(
                source,
                "plugkit.auth.failuresPerMinutePerKey",
                v -> b.authFailuresPerMinutePerKey(ConfigValues.limit("plugkit.auth.failuresPerMinutePerKey", v)));
        read(
                source,
                "plugkit.api.requestsPerMinutePerKey",
                v -> b.requestsPerMinutePerKey(ConfigValues.limit("plugkit.api.requestsPerMinutePerKey", v)));
        read(source, "plugkit.connect.stateTtlSeconds", v -> b.stateTtl(ConfigValues.stateTtl(v)));
        // Using connected accounts over HTTP (Graph API proxy, token export).
        read(
                source,
                "plugkit.api.exposeTokens",
                v -> b.exposeTokens(ConfigValues.parseBoolean("plugkit.api.exposeTokens", v)));
        read(
                source,
                "plugkit.api.proxyTimeoutSeconds",
                v -> b.proxyTimeout(Duration.ofSeconds(ConfigValues.number("plugkit.api.proxyTimeoutSeconds", v))));
        read(
                source,
                "plugkit.api.proxyMaxResponseBytes",
                v -> b.proxyMaxResponseBytes((int)
                        Math.min(Integer.MAX_VALUE, ConfigValues.number("plugkit.api.proxyMaxResponseBytes", v))));
        // Events and webhooks (docs/events.md)
        read(source, "plugkit.instagram.webhookVerifyToken", b::webhookVerifyToken);
        read(
                source,
                "plugkit.instagram.webhookFields",
                v -> b.webhookFields(
                        v.strip().equalsIgnoreCase("none") ? java.util.List.of() : ConfigValues.splitList(v)));
        read(
                source,
                "plugkit.webhooks.allowPrivateTargets",
                v -> b.webhooksAllowPrivateTargets(
                        ConfigValues.parseBoolean("plugkit.webhooks.allowPrivateTargets", v)));
        read(source, "plugkit.events.retentionDays", v -> b.eventRetentionDays(ConfigValues.retentionDays(v)));
    }

    private static void read(ConfigSource source, String property, Consumer<String> setter) {
        source.get(property).ifPresent(setter);
    }
}
