package co.plugkit.internal.events;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a webhook endpoint may have: https to a public address. Loopback, private (RFC 1918, IPv6
 * unique-local), link-local, wildcard and multicast addresses are refused, so that a tenant cannot aim
 * PlugKit at the host's internal network; unless the operator allows private targets, when plain http is
 * accepted too (development, tests). Checked when an endpoint is created and again before each send, as
 * its name may come to resolve elsewhere.
 */
public final class WebhookTargets {
    private final boolean allowPrivate;

    public WebhookTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why {@code url} may not be used, or empty if it may. */
    public Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute()
                || url.getHost() == null
                || url.getRawUserInfo() != null
                || url.getRawFragment() != null) {
            return Optional.of("must be an absolute https URL without user info or fragment");
        }
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return Optional.of("must be https");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("its host does not resolve");
        }
        for (InetAddress a : addresses) {
            if (isInternal(a)) {
                return Optional.of("it resolves to a loopback, private or link-local address");
            }
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress a) {
        byte[] b = a.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()
                || uniqueLocalV6
                || carrierNat;
    }
}
