package co.plugkit.instagram;

import co.plugkit.secret.Secret;
import java.time.Duration;

/** A long-lived token and how long it lives from the moment it was issued. */
public record LongLivedToken(Secret accessToken, Duration expiresIn) {}
