package co.plugkit.internal.engine;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.engine.CallbackOutcome.Connected;
import co.plugkit.internal.engine.CallbackOutcome.Failed;
import co.plugkit.internal.text.LogText;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.Actor;
import co.plugkit.model.ConnectState;
import co.plugkit.provider.Platform;
import co.plugkit.provider.Provider;
import co.plugkit.provider.ProviderException;
import co.plugkit.provider.ProviderProfile;
import co.plugkit.provider.ProviderToken;
import co.plugkit.provider.Providers;
import co.plugkit.secret.Secret;
import co.plugkit.store.AccountStore;
import co.plugkit.store.ConnectStateStore;
import co.plugkit.store.ConnectStateStore.Consumption;
import co.plugkit.store.ProfileStore;
import co.plugkit.store.StoreUnavailableException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connect flow of design.md §3, without any servlet in sight: {@link #start} hands out an
 * authorization URL bound to a single-use state; {@link #complete} consumes the state, exchanges the
 * code, fetches the profile and stores the account. Expected failures come back as values.
 */
public final class ConnectFlow {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectFlow.class);

    /** Expired states are kept a day for a clear "expired" answer, then deleted. */
    private static final Duration EXPIRED_STATE_RETENTION = Duration.ofDays(1);

    private final ProfileStore profiles;
    private final ConnectStateStore states;
    private final AccountStore accounts;
    private final Providers providers;
    private final TokenCipher cipher;
    private final RedirectAllowList redirects;
    private final Duration stateTtl;
    private final Clock clock;
    private final BiConsumer<Account, Secret> connected;

    public ConnectFlow(
            ProfileStore profiles,
            ConnectStateStore states,
            AccountStore accounts,
            Providers providers,
            TokenCipher cipher,
            RedirectAllowList redirects,
            Duration stateTtl,
            Clock clock) {
        this(profiles, states, accounts, providers, cipher, redirects, stateTtl, clock, (account, token) -> {});
    }

    /**
     * @param connected told of every account connected or reconnected, with its token (the webhook
     *     subscription); it must return at once
     */
    public ConnectFlow(
            ProfileStore profiles,
            ConnectStateStore states,
            AccountStore accounts,
            Providers providers,
            TokenCipher cipher,
            RedirectAllowList redirects,
            Duration stateTtl,
            Clock clock,
            BiConsumer<Account, Secret> connected) {
        this.connected = connected;
        this.profiles = profiles;
        this.states = states;
        this.accounts = accounts;
        this.providers = providers;
        this.cipher = cipher;
        this.redirects = redirects;
        this.stateTtl = stateTtl;
        this.clock = clock;
    }

    /**
     * Step 1: check the profile, bind a fresh state to it, and build the platform's authorization URL.
     *
     * @throws IllegalArgumentException if no provider of this PlugKit serves {@code platform} (routes
     *     exist only for the platforms that have one)
     */
    public ConnectStart start(
            WorkspaceId workspaceId, Platform platform, ProfileId profileId, Optional<String> redirectUrl) {
        Provider provider = providers
                .find(platform)
                .orElseThrow(() -> new IllegalArgumentException("no provider for platform " + platform));
        Optional<URI> redirect = Optional.empty();
        if (redirectUrl.isPresent()) {
            redirect = redirects.check(redirectUrl.get());
            if (redirect.isEmpty()) {
                return new ConnectStart.RedirectNotAllowed();
            }
        }
        if (profiles.find(workspaceId, profileId).isEmpty()) {
            return new ConnectStart.ProfileNotFound();
        }
        Instant now = clock.instant();
        String state = Hashing.randomUrlToken(32);
        Instant expiresAt = now.plus(stateTtl);
        states.deleteExpiredBefore(now.minus(EXPIRED_STATE_RETENTION));
        states.insert(
                Hashing.sha256Hex(state), new ConnectState(workspaceId, profileId, platform, redirect, expiresAt), now);
        return new ConnectStart.Started(provider.authorizationUrl(state), state, expiresAt);
    }

    /**
     * Steps 3–4: complete the flow from the provider's redirect to {@code platform}'s callback. The state
     * is consumed before anything is sent upstream, so a replayed callback never reaches the provider; the
     * account is written only once every upstream call has succeeded, so a failure leaves nothing behind.
     */
    public CallbackOutcome complete(Platform platform, CallbackRequest request) {
        if (request.state().isEmpty()) {
            return fail(ConnectError.STATE_MISSING, Optional.empty(), "no state");
        }
        Consumption consumption;
        try {
            consumption = states.consume(Hashing.sha256Hex(request.state().get()), clock.instant());
        } catch (StoreUnavailableException e) {
            return fail(ConnectError.STORAGE_UNAVAILABLE, Optional.empty(), "database unavailable");
        }
        if (consumption instanceof Consumption.Unknown) {
            return fail(ConnectError.STATE_UNKNOWN, Optional.empty(), "unknown state");
        }
        if (consumption instanceof Consumption.AlreadyUsed used) {
            return fail(ConnectError.STATE_ALREADY_USED, Optional.of(used.state()), "state already used");
        }
        if (consumption instanceof Consumption.Expired expired) {
            return fail(ConnectError.STATE_EXPIRED, Optional.of(expired.state()), "state expired");
        }
        ConnectState state = ((Consumption.Consumed) consumption).state();
        Optional<Provider> found = providers.find(platform).filter(p -> platform.equals(state.platform()));
        if (found.isEmpty()) {
            // a state issued for another platform's connect: its callback is the only one that takes it
            return fail(ConnectError.STATE_UNKNOWN, Optional.empty(), "state of platform " + state.platform());
        }
        Provider provider = found.get();

        if (request.error().isPresent()) {
            boolean denied = "access_denied".equals(request.error().get());
            return fail(
                    denied ? ConnectError.ACCESS_DENIED : ConnectError.AUTHORIZATION_FAILED,
                    Optional.of(state),
                    // a visitor writes these parameters: escaped, or they could forge log lines
                    platform + " redirected with error="
                            + LogText.clean(request.error().get(), 100)
                            + request.errorReason()
                                    .map(r -> ", error_reason=" + LogText.clean(r, 100))
                                    .orElse(""));
        }
        Optional<String> code = request.code().map(ConnectFlow::stripFragment).filter(c -> !c.isBlank());
        if (code.isEmpty()) {
            return fail(ConnectError.CODE_MISSING, Optional.of(state), "no code");
        }

        try {
            ProviderToken token = provider.exchangeCode(Secret.of(code.get()));
            Instant issuedAt = clock.instant();
            ProviderProfile profile = provider.profile(token.accessToken());
            if (!provider.isEligible(profile)) {
                return fail(
                        ConnectError.NOT_PROFESSIONAL_ACCOUNT,
                        Optional.of(state),
                        "account type " + LogText.clean(profile.accountType(), 30));
            }
            AccountConnection connection = new AccountConnection(
                    state.workspaceId(),
                    state.profileId(),
                    platform,
                    profile.externalId(),
                    profile.appScopedId(),
                    profile.username(),
                    profile.displayName(),
                    profile.accountType(),
                    profile.pictureUrl(),
                    token.grantedScopes().orElse(provider.scopes()),
                    cipher.seal(
                            token.accessToken(),
                            new TokenBinding(state.workspaceId(), state.profileId(), platform, profile.externalId())),
                    token.expiresIn().map(issuedAt::plus),
                    Optional.empty());
            Account account = accounts.upsert(connection, AccountId.random(), clock.instant(), Actor.INSTAGRAM);
            LOG.info(
                    "Connected {} account {} (@{}) to profile {} as {}",
                    platform,
                    account.externalId(),
                    LogText.clean(account.username(), 100),
                    account.profileId(),
                    account.id());
            connected.accept(account, token.accessToken());
            return new Connected(account, state.redirectUrl());
        } catch (ProviderException e) {
            ConnectError error = switch (e.kind()) {
                case REJECTED -> ConnectError.INSTAGRAM_REJECTED;
                case UNAVAILABLE -> ConnectError.INSTAGRAM_UNAVAILABLE;
                case MALFORMED -> ConnectError.INSTAGRAM_BAD_RESPONSE;
            };
            return fail(
                    error,
                    Optional.of(state),
                    e.getMessage()
                            + e.error()
                                    .map(err -> " — " + LogText.clean(err.message(), 200))
                                    .orElse(""));
        } catch (StoreUnavailableException e) {
            return fail(ConnectError.STORAGE_UNAVAILABLE, Optional.of(state), "database unavailable");
        }
    }

    /** Instagram appends {@code #_} to the redirect; if the fragment reached us, it is not part of the code. */
    static String stripFragment(String code) {
        int hash = code.indexOf('#');
        return hash >= 0 ? code.substring(0, hash) : code;
    }

    private static Failed fail(ConnectError error, Optional<ConnectState> state, String detail) {
        LOG.warn(
                "Connect flow failed: {} ({}){}",
                error.code(),
                detail,
                state.map(s -> " for profile " + s.profileId()).orElse(""));
        return new Failed(error, state.map(ConnectState::profileId), state.flatMap(ConnectState::redirectUrl));
    }
}
