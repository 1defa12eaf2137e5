package co.plugkit.engine;

import co.plugkit.crypto.Hashing;
import co.plugkit.crypto.TokenBinding;
import co.plugkit.crypto.TokenCipher;
import co.plugkit.engine.CallbackOutcome.Connected;
import co.plugkit.engine.CallbackOutcome.Failed;
import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.instagram.InstagramApi;
import co.plugkit.instagram.InstagramException;
import co.plugkit.instagram.InstagramProfile;
import co.plugkit.instagram.LongLivedToken;
import co.plugkit.instagram.ShortLivedToken;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.ConnectState;
import co.plugkit.secret.Secret;
import co.plugkit.store.AccountStore;
import co.plugkit.store.ConnectStateStore;
import co.plugkit.store.ConnectStateStore.Consumption;
import co.plugkit.store.ProfileStore;
import co.plugkit.store.StoreUnavailableException;
import co.plugkit.text.LogText;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    private final InstagramApi instagram;
    private final TokenCipher cipher;
    private final RedirectAllowList redirects;
    private final List<String> requestedScopes;
    private final Duration stateTtl;
    private final Clock clock;

    public ConnectFlow(
            ProfileStore profiles,
            ConnectStateStore states,
            AccountStore accounts,
            InstagramApi instagram,
            TokenCipher cipher,
            RedirectAllowList redirects,
            List<String> requestedScopes,
            Duration stateTtl,
            Clock clock) {
        this.profiles = profiles;
        this.states = states;
        this.accounts = accounts;
        this.instagram = instagram;
        this.cipher = cipher;
        this.redirects = redirects;
        this.requestedScopes = List.copyOf(requestedScopes);
        this.stateTtl = stateTtl;
        this.clock = clock;
    }

    /** Step 1: check the profile, bind a fresh state to it, and build the authorization URL. */
    public ConnectStart start(WorkspaceId workspaceId, ProfileId profileId, Optional<String> redirectUrl) {
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
        states.insert(Hashing.sha256Hex(state), new ConnectState(workspaceId, profileId, redirect, expiresAt), now);
        return new ConnectStart.Started(instagram.authorizationUrl(state), state, expiresAt);
    }

    /**
     * Steps 3–4: complete the flow from Instagram's redirect. The state is consumed before anything is
     * sent upstream, so a replayed callback never reaches Instagram; the account is written only once
     * every upstream call has succeeded, so a failure leaves nothing behind.
     */
    public CallbackOutcome complete(CallbackRequest request) {
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

        if (request.error().isPresent()) {
            boolean denied = "access_denied".equals(request.error().get());
            return fail(
                    denied ? ConnectError.ACCESS_DENIED : ConnectError.AUTHORIZATION_FAILED,
                    Optional.of(state),
                    // a visitor writes these parameters: escaped, or they could forge log lines
                    "Instagram redirected with error="
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
            ShortLivedToken shortLived = instagram.exchangeCode(Secret.of(code.get()));
            LongLivedToken longLived = instagram.exchangeForLongLived(shortLived.accessToken());
            Instant issuedAt = clock.instant();
            InstagramProfile profile = instagram.fetchProfile(longLived.accessToken());
            if (!profile.isProfessional()) {
                return fail(
                        ConnectError.NOT_PROFESSIONAL_ACCOUNT,
                        Optional.of(state),
                        "account type " + profile.accountType());
            }
            AccountConnection connection = new AccountConnection(
                    state.workspaceId(),
                    state.profileId(),
                    profile.userId(),
                    profile.appScopedId(),
                    profile.username(),
                    profile.name(),
                    profile.accountType(),
                    profile.profilePictureUrl(),
                    shortLived.permissions().orElse(requestedScopes),
                    cipher.seal(
                            longLived.accessToken(),
                            new TokenBinding(state.workspaceId(), state.profileId(), profile.userId())),
                    longLived.expiresIn().map(issuedAt::plus),
                    Optional.empty());
            Account account = accounts.upsert(connection, AccountId.random(), clock.instant());
            LOG.info(
                    "Connected Instagram account {} (@{}) to profile {} as {}",
                    account.externalId(),
                    account.username(),
                    account.profileId(),
                    account.id());
            return new Connected(account, state.redirectUrl());
        } catch (InstagramException e) {
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
