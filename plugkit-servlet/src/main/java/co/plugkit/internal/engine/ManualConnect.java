package co.plugkit.internal.engine;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.Actor;
import co.plugkit.provider.Platform;
import co.plugkit.provider.Provider;
import co.plugkit.provider.ProviderException;
import co.plugkit.provider.ProviderProfile;
import co.plugkit.provider.Providers;
import co.plugkit.secret.Secret;
import co.plugkit.store.AccountStore;
import co.plugkit.store.ProfileStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * {@code POST /v1/accounts/connect}: stores an account from a long-lived token the API client already has
 * (say, from Meta's "Generate token"). The token is checked against {@code /me} first, and what
 * Instagram says there — not what the client sent — is stored. Its expiry is unknown, so the refresher
 * refreshes it as soon as Instagram allows (once it is a day old), which also learns the expiry.
 */
public final class ManualConnect {
    private final ProfileStore profiles;
    private final AccountStore accounts;
    private final Providers providers;
    private final TokenCipher cipher;
    private final Clock clock;
    private final BiConsumer<Account, Secret> connected;

    public ManualConnect(
            ProfileStore profiles, AccountStore accounts, Providers providers, TokenCipher cipher, Clock clock) {
        this(profiles, accounts, providers, cipher, clock, (account, token) -> {});
    }

    /** @param connected told of every account connected, with its token (the webhook subscription) */
    public ManualConnect(
            ProfileStore profiles,
            AccountStore accounts,
            Providers providers,
            TokenCipher cipher,
            Clock clock,
            BiConsumer<Account, Secret> connected) {
        this.connected = connected;
        this.profiles = profiles;
        this.accounts = accounts;
        this.providers = providers;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * What the client sends.
     *
     * @param platform the account's platform, whose provider checks the token
     * @param externalId the account id the client believes the token belongs to
     * @param metadata the client's own JSON object, as text, already validated
     */
    public record Request(
            ProfileId profileId, Platform platform, String externalId, Secret accessToken, Optional<String> metadata) {
        @Override
        public String toString() {
            return "ManualConnect.Request{profileId=" + profileId + ", platform=" + platform + ", externalId="
                    + externalId + ", accessToken=****}";
        }
    }

    /** How it ended. */
    public sealed interface Outcome {
        record Connected(Account account) implements Outcome {}

        record ProfileNotFound() implements Outcome {}

        /** No provider of this PlugKit serves the platform. */
        record PlatformNotSupported() implements Outcome {}

        /** Instagram rejected the token, or it belongs to another account than {@code externalId}. */
        record TokenRejected(String message) implements Outcome {}

        record NotProfessional() implements Outcome {}

        record InstagramUnavailable() implements Outcome {}
    }

    public Outcome connect(WorkspaceId workspaceId, Request request) {
        return connect(workspaceId, request, Actor.SYSTEM);
    }

    /** Connects, with {@code actor} (the API key) named in the account's event. */
    public Outcome connect(WorkspaceId workspaceId, Request request, Actor actor) {
        Optional<Provider> provider = providers.find(request.platform());
        if (provider.isEmpty()) {
            return new Outcome.PlatformNotSupported();
        }
        if (profiles.find(workspaceId, request.profileId()).isEmpty()) {
            return new Outcome.ProfileNotFound();
        }
        ProviderProfile me;
        try {
            me = provider.get().profile(request.accessToken());
        } catch (ProviderException e) {
            return e.kind() == ProviderException.Kind.REJECTED
                    ? new Outcome.TokenRejected("Instagram rejected the access token")
                    : new Outcome.InstagramUnavailable();
        }
        if (!request.externalId().equals(me.externalId())
                && !me.appScopedId().map(request.externalId()::equals).orElse(false)) {
            return new Outcome.TokenRejected("The access token belongs to another Instagram account than externalId");
        }
        if (!provider.get().isEligible(me)) {
            return new Outcome.NotProfessional();
        }
        AccountConnection connection = new AccountConnection(
                workspaceId,
                request.profileId(),
                request.platform(),
                me.externalId(),
                me.appScopedId(),
                me.username(),
                me.displayName(),
                me.accountType(),
                me.pictureUrl(),
                List.of(),
                cipher.seal(
                        request.accessToken(),
                        new TokenBinding(workspaceId, request.profileId(), request.platform(), me.externalId())),
                Optional.empty(),
                request.metadata());
        Account account = accounts.upsert(connection, AccountId.random(), clock.instant(), actor);
        connected.accept(account, request.accessToken());
        return new Outcome.Connected(account);
    }
}
