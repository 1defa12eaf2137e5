package co.plugkit.internal.web;

import co.plugkit.internal.crypto.SignedTickets;
import co.plugkit.provider.Platform;
import java.net.URI;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the callbacks' result pages need: the signer of their result tickets, each platform's public
 * callback URL (where its result page is), and the origin the page posts its result to.
 */
public record CallbackSettings(SignedTickets tickets, Function<Platform, URI> callbackUrls, String openerOrigin) {
    public CallbackSettings {
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(callbackUrls, "callbackUrls");
        Objects.requireNonNull(openerOrigin, "openerOrigin");
    }
}
