package co.plugkit.demo;

import co.plugkit.secret.ApiKeySecret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * Lets the home page fill in the API key by itself, safely: only the key that this process created at the
 * data folder's first start (never a bootstrap key, never one from an earlier run: those exist only as
 * hashes), only to a browser on this machine (a loopback peer that also names a loopback host, which
 * defeats DNS rebinding), and only to the demo's own page (a same-origin fetch). Anyone else pastes the key
 * from the console. The key stays in memory only and is gone after a restart.
 */
final class FirstKeyOffer {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private volatile ApiKeySecret created;

    /** Remembers the key created at this start. */
    void created(ApiKeySecret key) {
        this.created = key;
    }

    /**
     * The key, if this request may have it.
     *
     * @param remoteAddress the peer's IP address as the container reports it
     * @param hostHeader the request's host name (without port)
     * @param fetchSite the browser's {@code Sec-Fetch-Site} header, if sent
     */
    Optional<String> offerTo(String remoteAddress, String hostHeader, Optional<String> fetchSite) {
        ApiKeySecret key = created;
        if (key == null
                || !isLoopbackAddress(remoteAddress)
                || hostHeader == null
                || !LOOPBACK_HOSTS.contains(hostHeader.toLowerCase(java.util.Locale.ROOT))
                || fetchSite.filter(site -> !site.equals("same-origin")).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(key.reveal());
    }

    private static boolean isLoopbackAddress(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.\\[\\]]+")) {
            return false; // only IP literals: never a name lookup
        }
        try {
            return InetAddress.getByName(address.replace("[", "").replace("]", ""))
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
