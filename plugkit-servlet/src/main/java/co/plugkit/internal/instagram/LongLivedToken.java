package co.plugkit.internal.instagram;

import co.plugkit.secret.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * A long-lived token and how long it lives from the moment it was issued.
 *
 * @param expiresIn empty when Instagram's answer gave no believable lifetime (see {@code MAX_EXPIRES_IN})
 */
public record LongLivedToken(Secret accessToken, Optional<Duration> expiresIn) {}
