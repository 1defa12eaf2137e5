package co.plugkit.demo;

import co.plugkit.ConfigSource;
import co.plugkit.PlugKitConfig;
import co.plugkit.PlugKitConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo's reading of the environment (design.md §2). PlugKit itself reads the {@code PLUGKIT_*}
 * variables through {@link ConfigSource#environment}; this class only adds what is special to the demo:
 * the port, and defaults that PlugKit deliberately does not have (a public URL on localhost, an H2 file
 * database and a generated encryption key in the data folder). The environment always wins over them.
 */
final class DemoEnvironment {
    static final String PORT = "PLUGKIT_PORT";
    static final int DEFAULT_PORT = 8080;

    private final Map<String, String> env;
    private final ConfigSource source;

    DemoEnvironment(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.source = ConfigSource.environment(this.env);
    }

    /** {@code PLUGKIT_PORT}, 8080 if unset; 0 picks a free port. */
    static int port(Map<String, String> env) {
        String text = env.get(PORT);
        if (text == null || text.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new PlugKitConfigException(PORT + " must be a port number from 0 to 65535");
    }

    /**
     * Sandbox mode: on when {@code PLUGKIT_SANDBOX=true}, or when it is unset and neither the client id nor
     * the client secret is set (the no-configuration start).
     */
    boolean sandbox() {
        Optional<String> explicit = source.get("plugkit.sandbox");
        if (explicit.isPresent()) {
            return explicit.get().equalsIgnoreCase("true");
        }
        return source.get("plugkit.instagram.clientId").isEmpty()
                && source.get("plugkit.instagram.clientSecret").isEmpty();
    }

    /**
     * Refuses, before anything is bound or written, the settings the demo cannot honour, naming exactly
     * what to set instead.
     */
    void checkSupported() {
        Optional<String> explicit = source.get("plugkit.sandbox");
        if (explicit.isPresent()
                && !explicit.get().equalsIgnoreCase("true")
                && !explicit.get().equalsIgnoreCase("false")) {
            throw new PlugKitConfigException("PLUGKIT_SANDBOX must be true or false");
        }
        List<String> missing = new ArrayList<>();
        for (String property : List.of("plugkit.instagram.clientId", "plugkit.instagram.clientSecret")) {
            if (source.get(property).isEmpty()) {
                missing.add(ConfigSource.environmentName(property));
            }
        }
        if (!sandbox() && !missing.isEmpty()) {
            throw new PlugKitConfigException("Set " + String.join(" and ", missing) + ": the Instagram App ID and"
                    + " App Secret from Meta's App Dashboard (Instagram > API setup with Instagram login)."
                    + " To try PlugKit without a Meta app, set neither and leave PLUGKIT_SANDBOX unset (or set it"
                    + " to true): the demo then runs in sandbox mode.");
        }
        if (source.get("plugkit.db.jndi").isPresent()) {
            throw new PlugKitConfigException("PLUGKIT_DB_JNDI needs a container with JNDI, which the Jetty demo"
                    + " does not have; set PLUGKIT_DB_URL (and _USER, _PASSWORD) instead");
        }
    }

    /**
     * The validated configuration for a demo whose connector is bound to {@code boundPort}.
     *
     * @throws PlugKitConfigException naming the first invalid setting
     */
    PlugKitConfig config(int boundPort, DataFolder data) {
        Map<String, String> defaults = new HashMap<>();
        // The real port, not PLUGKIT_PORT: with port 0 only the bound connector knows it.
        defaults.put("plugkit.publicUrl", "http://localhost:" + boundPort + prefix());
        if (source.get("plugkit.db.url").isEmpty()) {
            defaults.put("plugkit.db.url", data.h2Url());
            defaults.put("plugkit.db.user", "sa");
        }
        defaults.put("plugkit.sandbox", Boolean.toString(sandbox()));
        // The demo registers its own receiver (http://localhost…) as a webhook endpoint, which PlugKit
        // refuses by default; PLUGKIT_WEBHOOKS_ALLOW_PRIVATE_TARGETS=false restores the refusal.
        defaults.put("plugkit.webhooks.allowPrivateTargets", "true");
        if (source.get("plugkit.encryptionKey").isEmpty()) {
            defaults.put("plugkit.encryptionKey", data.encryptionKey());
        }
        return PlugKitConfig.builder()
                .from(source.or(ConfigSource.map(defaults)))
                .build();
    }

    /** Whether the database is the demo's embedded default rather than one the environment names. */
    boolean usesEmbeddedDatabase() {
        return source.get("plugkit.db.url").isEmpty();
    }

    /** {@code PLUGKIT_PATH_PREFIX} as a URL path ({@code ""} or {@code /x}); PlugKitConfig validates it. */
    private String prefix() {
        Optional<String> prefix = source.get("plugkit.pathPrefix");
        String p = prefix.orElse("").replaceAll("/+$", "");
        return p.isEmpty() || p.startsWith("/") ? p : "/" + p;
    }
}
