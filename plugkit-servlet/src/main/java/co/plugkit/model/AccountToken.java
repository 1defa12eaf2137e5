package co.plugkit.model;

import co.plugkit.id.AccountId;
import co.plugkit.secret.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The current access token of a connected account, for a host that calls the platform's API itself in
 * the same JVM ({@code PlugKit.accessToken(workspace, account)}). The token is a {@link Secret}: this
 * value prints {@code accessToken=****}, and the plaintext is read only by {@code accessToken().reveal()}
 * where the token is sent. Ask PlugKit again for each use rather than keeping it: PlugKit refreshes
 * tokens, and an old one stops working once it expires.
 *
 * @param accountId the account the token belongs to
 * @param accessToken the token (Instagram: an Instagram User access token for {@code graph.instagram.com})
 * @param expiresAt when the token dies unless refreshed; empty if Instagram did not say
 * @param scopes the scopes the person granted
 */
public record AccountToken(AccountId accountId, Secret accessToken, Optional<Instant> expiresAt, List<String> scopes) {
    public AccountToken {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "AccountToken{accountId=" + accountId + ", accessToken=****, expiresAt="
                + expiresAt.map(Instant::toString).orElse("(unknown)") + ", scopes=" + scopes + "}";
    }
}
