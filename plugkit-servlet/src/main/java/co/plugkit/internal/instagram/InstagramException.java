package co.plugkit.internal.instagram;

import co.plugkit.provider.ProviderError;
import co.plugkit.provider.ProviderException;
import java.util.Optional;

/** A call to Instagram failed; see {@link ProviderException}. */
public final class InstagramException extends ProviderException {
    public InstagramException(Kind kind, String message, Optional<ProviderError> error) {
        super(kind, message, error);
    }
}
