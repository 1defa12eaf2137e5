package co.plugkit;

import co.plugkit.settings.AbuseLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * How a setting's text becomes a value, and what makes it invalid: each check names the property in its
 * {@link PlugKitConfigException}, and never repeats a secret's value.
 */
final class ConfigValues {
    private ConfigValues() {}

    static long number(String property, String value) {
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

    /** A connect's time-to-live: 5 seconds to 1 hour (Instagram's codes live an hour). */
    static Duration stateTtl(String value) {
        long seconds = number("plugkit.connect.stateTtlSeconds", value.strip());
        if (seconds < 5 || seconds > 3600) {
            throw new PlugKitConfigException("plugkit.connect.stateTtlSeconds must be from 5 to 3600");
        }
        return Duration.ofSeconds(seconds);
    }

    /** {@code plugkit.events.retentionDays}: a whole number of days, 0 (keep forever) to the largest allowed. */
    static int retentionDays(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0 && n <= PlugKitConfig.MAX_EVENT_RETENTION_DAYS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new PlugKitConfigException(RETENTION_RANGE);
    }

    /** What a retention out of range is told. */
    static final String RETENTION_RANGE =
            "plugkit.events.retentionDays must be a whole number from 0 (keep forever) to "
                    + PlugKitConfig.MAX_EVENT_RETENTION_DAYS;

    /** A rate limit: a whole number from 0 (off) to {@link AbuseLimits#MAX}. */
    static int limit(String property, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0 && n <= AbuseLimits.MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new PlugKitConfigException(property + " must be a whole number from 0 (no limit) to " + AbuseLimits.MAX);
    }

    static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static boolean parseBoolean(String property, String value) {
        if ("true".equalsIgnoreCase(value.strip())) {
            return true;
        }
        if ("false".equalsIgnoreCase(value.strip())) {
            return false;
        }
        throw new PlugKitConfigException(property + " must be true or false");
    }

    static String require(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new PlugKitConfigException("Missing setting " + property + " (environment variable "
                    + ConfigSource.environmentName(property) + ")");
        }
        return value.strip();
    }

    static URI absoluteHttpUrl(String property, String value) {
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

    static String normalisePrefix(String prefix) {
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

    static String graphVersion(String version) {
        if (version == null || !version.matches("v\\d+\\.\\d+")) {
            throw new PlugKitConfigException("plugkit.instagram.graphVersion must look like v25.0");
        }
        return version;
    }

    static Duration positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new PlugKitConfigException("the " + what + " must be positive");
        }
        return d;
    }

    static byte[] decodeKey(String base64) {
        return decodeKey("plugkit.encryptionKey", base64);
    }

    /** A 32-byte key in base64; the message names {@code property} (and which entry of a list), never the value. */
    static byte[] decodeKey(String property, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new PlugKitConfigException(property + " must be base64 (of 32 random bytes)");
        }
        if (key.length != 32) {
            Arrays.fill(key, (byte) 0);
            throw new PlugKitConfigException(property + " must be base64 of exactly 32 bytes");
        }
        return key;
    }

    /** The origin of an absolute http(s) URL: scheme, host and the port if it is not the scheme's default. */
    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + url.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
