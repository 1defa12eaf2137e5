package co.plugkit.internal.instagram;

import co.plugkit.secret.Secret;
import java.util.List;
import java.util.Optional;

/**
 * The code exchange's result, normalised from whichever shape Instagram sent.
 *
 * @param userId the user id as Instagram wrote it (kept as text: it exceeds 2^53)
 * @param permissions the granted scopes, if Instagram listed them
 */
public record ShortLivedToken(Secret accessToken, String userId, Optional<List<String>> permissions) {}
