package co.plugkit.internal.engine;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.TokenBinding;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.engine.CallbackOutcome.Connected;
import co.plugkit.internal.engine.CallbackOutcome.Failed;
import co.plugkit.internal.telemetry.Telemetry;
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
import co.plugkit.store.ConnectStateStore.Claim;
import co.plugkit.store.ConnectStateStore.Outcome;
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
 * authorization URL with a sealed state and writes nothing; {@link #complete} opens the state, claims its
 * session (single use, atomic across servers), exchanges the code, fetches the profile, stores the account
 * and records the session's outcome for its status. Expected failures come back as values.
 */
public final class ConnectFlow {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectFlow.class);

    static final int MAX_REDIRECT_URL = 2048;

    private final ProfileStore profiles;
    private final ConnectStateStore states;
    private final ConnectSeals seals;
    private final AccountStore accounts;
    private final Providers providers;
    private final TokenCipher cipher;
    private final RedirectAllowList redirects;
    private final Duration stateTtl;
    private final Clock clock;
    private final Telemetry telemetry;
    private final BiConsumer<Account, Secret> connected;

    /**
     * @param connected told of every account connected or reconnected, with its token (the webhook
     *     subscription); it must return at once
     */
    public ConnectFlow(
            ProfileStore profiles,
            ConnectStateStore states,
            ConnectSeals seals,
            AccountStore accounts,
            Providers providers,
            TokenCipher cipher,
            RedirectAllowList redirects,
            Duration stateTtl,
            Clock clock,
            Telemetry telemetry,
            BiConsumer<Account, Secret> connected) {
        this.connected = connected;
        this.profiles = profiles;
        this.states = states;
        this.seals = seals;
        this.accounts = accounts;
        this.providers = providers;
        this.cipher = cipher;
        this.redirects = redirects;
        this.stateTtl = stateTtl;
        this.clock = clock;
        this.telemetry = telemetry;
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
            // it travels in the state and is kept with the session's outcome (2048 characters)
            redirect = redirectUrl.get().length() <= MAX_REDIRECT_URL ? redirects.check(redirectUrl.get()) : redirect;
            if (redirect.isEmpty()) {
                return new ConnectStart.RedirectNotAllowed();
            }
        }
        if (profiles.find(workspaceId, profileId).isEmpty()) {
            return new ConnectStart.ProfileNotFound();
        }
        // Nothing is written: the state is sealed and travels with the browser; its callback claims it.
        Instant expiresAt = clock.instant().plus(stateTtl);
        ConnectSeals.Sealed sealed = seals.seal(workspaceId, profileId, platform, redirect, expiresAt);
        telemetry.connectStarted(platform);
        return new ConnectStart.Started(
                provider.authorizationUrl(sealed.state()),
                sealed.state(),
                sealed.session().id(),
                sealed.session().expiresAt());
    }

    /**
     * Steps 3–4: complete the flow from the provider's redirect to {@code platform}'s callback. The state
     * is consumed before anything is sent upstream, so a replayed callback never reaches the provider; the
     * account is written only once every upstream call has succeeded, so a failure leaves nothing behind.
     */
    public CallbackOutcome complete(Platform platform, CallbackRequest request) {
        return Metered.callback(telemetry, platform, () -> completeFlow(platform, request));
    }

    private CallbackOutcome completeFlow(Platform platform, CallbackRequest request) {
        if (request.state().isEmpty()) {
            // Instagram's own refusals may come back without our state: say what Instagram said
            return request.error()
                    .map(e ->
                            fail(authorizationError(request), Optional.empty(), authorizationDetail(platform, request)))
                    .orElseGet(() -> fail(ConnectError.STATE_MISSING, Optional.empty(), "no state"));
        }
        Optional<ConnectState> opened = seals.open(request.state().get());
        if (opened.isEmpty()) {
            return fail(ConnectError.STATE_UNKNOWN, Optional.empty(), "unknown state");
        }
        ConnectState state = opened.get();
        Optional<Provider> found = providers.find(platform).filter(p -> platform.equals(state.platform()));
        if (found.isEmpty()) {
            // a state issued for another platform's connect: its callback is the only one that takes it
            return fail(ConnectError.STATE_UNKNOWN, Optional.empty(), "state of platform " + state.platform());
        }
        Provider provider = found.get();
        Instant now = clock.instant();
        Claim claim;
        try {
            claim = states.claim(state, now);
        } catch (StoreUnavailableException e) {
            return fail(ConnectError.STORAGE_UNAVAILABLE, Optional.of(state), "database unavailable");
        }
        if (claim instanceof Claim.AlreadyClaimed) {
            return fail(ConnectError.STATE_ALREADY_USED, Optional.of(state), "state already used");
        }
        if (!now.isBefore(state.expiresAt())) {
            // claimed all the same, so that the connect status says why, and a replay is "already used"
            return finish(ConnectError.STATE_EXPIRED, state, "state expired");
        }

        if (request.error().isPresent()) {
            return finish(authorizationError(request), state, authorizationDetail(platform, request));
        }
        Optional<String> code = request.code().map(ConnectFlow::stripFragment).filter(c -> !c.isBlank());
        if (code.isEmpty()) {
            return finish(ConnectError.CODE_MISSING, state, "no code");
        }

        try {
            ProviderToken token = provider.exchangeCode(Secret.of(code.get()));
            Instant issuedAt = clock.instant();
            ProviderProfile profile = provider.profile(token.accessToken());
            if (!provider.isEligible(profile)) {
                return finish(
                        ConnectError.NOT_PROFESSIONAL_ACCOUNT,
                        state,
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
            record(state, new Outcome.Connected(account.id()));
            connected.accept(account, token.accessToken());
            return new Connected(account, state.redirectUrl());
        } catch (ProviderException e) {
            ConnectError error = switch (e.kind()) {
                case REJECTED ->
                    isPlatformAppError(e) ? ConnectError.INVALID_PLATFORM_APP : ConnectError.INSTAGRAM_REJECTED;
                case UNAVAILABLE -> ConnectError.INSTAGRAM_UNAVAILABLE;
                case MALFORMED -> ConnectError.INSTAGRAM_BAD_RESPONSE;
            };
            return finish(
                    error,
                    state,
                    e.getMessage()
                            + e.error()
                                    .map(err -> " — " + LogText.clean(err.message(), 200))
                                    .orElse(""));
        } catch (StoreUnavailableException e) {
            return finish(ConnectError.STORAGE_UNAVAILABLE, state, "database unavailable");
        }
    }

    /** Instagram answers a Meta App ID where its Instagram App ID belongs with "Invalid platform app". */
    private static boolean isPlatformAppError(ProviderException e) {
        return e.error()
                .map(err -> err.message().toLowerCase(java.util.Locale.ROOT).contains("platform app"))
                .orElse(false);
    }

    private static ConnectError authorizationError(CallbackRequest request) {
        return ConnectError.ofAuthorizationError(
                request.error().orElse(""), request.errorReason(), request.errorDescription());
    }

    private static String authorizationDetail(Platform platform, CallbackRequest request) {
        // a visitor writes these parameters: escaped, or they could forge log lines
        return platform + " redirected with error="
                + LogText.clean(request.error().orElse(""), 100)
                + request.errorReason()
                        .map(r -> ", error_reason=" + LogText.clean(r, 100))
                        .orElse("")
                + request.errorDescription()
                        .map(d -> ", error_description=" + LogText.clean(d, 200))
                        .orElse("");
    }

    /** A claimed session failed: record why (for its status), then answer as {@link #fail}. */
    private Failed finish(ConnectError error, ConnectState state, String detail) {
        record(state, new Outcome.Failed(error.code()));
        return fail(error, Optional.of(state), detail);
    }

    /**
     * Records a claimed session's outcome. A database that fails here does not change the outcome: the
     * account (if any) is stored, and the status shows the session as unfinished.
     */
    private void record(ConnectState state, Outcome outcome) {
        try {
            states.finish(state.sessionKey(), outcome, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not record the outcome of connect session for profile {}: {}",
                    state.profileId(),
                    e.getClass().getSimpleName());
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
