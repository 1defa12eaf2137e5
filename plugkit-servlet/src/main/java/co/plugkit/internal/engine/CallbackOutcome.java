package co.plugkit.internal.engine;

import co.plugkit.id.ProfileId;
import co.plugkit.model.Account;
import java.net.URI;
import java.util.Optional;

/** How a callback ended, and where the browser goes next: an allow-listed redirectUrl, or a page. */
public sealed interface CallbackOutcome {

    Optional<URI> redirectUrl();

    /** The account is stored (created, or updated on reconnect). */
    record Connected(Account account, Optional<URI> redirectUrl) implements CallbackOutcome {}

    /** Nothing was stored. The profile is known once the state was recognised. */
    record Failed(ConnectError error, Optional<ProfileId> profileId, Optional<URI> redirectUrl)
            implements CallbackOutcome {}
}
