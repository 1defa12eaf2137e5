package co.plugkit.internal.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a connect call's {@code redirectUrl} may be used. An allowed entry matches on scheme,
 * host and port exactly, and on path by whole segments, so {@code https://app.example.com/done} admits
 * {@code https://app.example.com/done/x} but neither {@code https://app.example.com.evil.net/done} nor
 * {@code https://app.example.com/doneevil}. A path with a dot segment ({@code ..}, {@code .}, also
 * percent-encoded) or an encoded slash or backslash is refused outright: browsers resolve those before
 * they request the page, so {@code /done/../evil} would match {@code /done} here and land on {@code /evil}.
 */
public final class RedirectAllowList {
    private final List<URI> allowed;

    public RedirectAllowList(List<URI> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** The parsed URL if it is absolute http(s), without fragment or user info, and allowed. */
    public Optional<URI> check(String candidate) {
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute()
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null
                || hasAmbiguousPath(uri.getRawPath())) {
            return Optional.empty();
        }
        return allowed.stream().anyMatch(prefix -> matches(prefix, uri)) ? Optional.of(uri) : Optional.empty();
    }

    /** True if a browser could read the path as another one: dot segments, encoded separators, backslashes. */
    static boolean hasAmbiguousPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return false;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")) {
            return true;
        }
        for (String segment : lower.split("/", -1)) {
            String decoded = segment.replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(URI prefix, URI uri) {
        if (!prefix.getScheme().equalsIgnoreCase(uri.getScheme())
                || !prefix.getHost().equalsIgnoreCase(uri.getHost())
                || port(prefix) != port(uri)) {
            return false;
        }
        String base = prefix.getRawPath() == null ? "" : prefix.getRawPath();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (base.isEmpty() || base.equals("/")) {
            return true;
        }
        String dir = base.endsWith("/") ? base : base + "/";
        return path.equals(base) || path.startsWith(dir);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }
}
