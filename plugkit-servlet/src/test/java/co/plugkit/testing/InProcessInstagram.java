package co.plugkit.testing;

import co.plugkit.internal.instagram.InstagramApi;
import co.plugkit.internal.instagram.InstagramException;
import co.plugkit.internal.instagram.InstagramProfile;
import co.plugkit.internal.instagram.LongLivedToken;
import co.plugkit.internal.instagram.ShortLivedToken;
import co.plugkit.provider.ProviderError;
import co.plugkit.provider.ProviderException.Kind;
import co.plugkit.secret.Secret;
import co.plugkit.testing.FakeInstagram.IgAccount;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Instagram in memory, for engine tests: an {@link InstagramApi} with Instagram's rules on an injected
 * clock (codes work once, a long-lived token lives 60 days and is refreshable once it is a day old, a
 * refresh replaces the token, revoked tokens are refused with Graph's 190), failures of each kind queued
 * per call, and a record of every secret it received. No HTTP: {@link FakeInstagram} is the HTTP
 * stand-in.
 */
public final class InProcessInstagram implements InstagramApi {

    /** The calls, for counting, for recording what they received and for queueing failures. */
    public enum Call {
        CODE_EXCHANGE,
        LONG_LIVED_EXCHANGE,
        ME,
        REFRESH,
        REVOKE,
        SUBSCRIBE
    }

    public static final Duration LONG_LIVED = Duration.ofDays(60);
    public static final Duration MIN_REFRESH_AGE = Duration.ofHours(24);

    private record Grant(String userId, Instant issuedAt, Instant expiresAt) {}

    /** One call and the secret (code or token) it carried. */
    public record Received(Call call, String secret) {}

    private final Clock clock;
    private final AtomicLong serial = new AtomicLong();
    private final Map<String, IgAccount> accounts = new HashMap<>();
    private final Map<String, String> codes = new HashMap<>(); // code -> userId
    private final Map<String, String> shortTokens = new HashMap<>(); // short token -> userId
    private final Map<String, Grant> longTokens = new HashMap<>();
    private final Set<String> issued = new LinkedHashSet<>();
    private final Map<Call, Deque<InstagramException>> failures = new EnumMap<>(Call.class);
    private final Map<String, InstagramException> refreshFailures = new HashMap<>(); // userId -> failure
    private final List<Received> received = new ArrayList<>();
    private Optional<List<String>> permissions =
            Optional.of(List.of("instagram_business_basic", "instagram_business_manage_messages"));
    private int refreshesTooEarly;

    public InProcessInstagram(Clock clock) {
        this.clock = clock;
    }

    // --- the person in front of Instagram, and Instagram's side of the world

    /** Makes the account known (or changes it: a rename, another account type). */
    public synchronized void account(IgAccount account) {
        accounts.put(account.userId(), account);
    }

    /** The person approves the app as {@code account} for this state: the code Instagram redirects with. */
    public synchronized String approve(IgAccount account) {
        account(account);
        String code = "AQ" + next("code");
        codes.put(code, account.userId());
        return code;
    }

    /** A long-lived token issued directly, as the App Dashboard's "Generate token" does. */
    public synchronized String generateToken(IgAccount account) {
        account(account);
        return issueLongLived(account.userId());
    }

    /** Whether the code exchange lists the granted permissions (Instagram does not always). */
    public synchronized void listPermissions(boolean list) {
        permissions = list
                ? Optional.of(List.of("instagram_business_basic", "instagram_business_manage_messages"))
                : Optional.empty();
    }

    /** Every token of this user stops working, as after a password change; no one tells PlugKit. */
    public synchronized void revokeTokensOf(String userId) {
        longTokens.values().removeIf(grant -> grant.userId().equals(userId));
    }

    /** The next call of this kind fails with {@code failure} instead of answering. */
    public synchronized void failNext(Call call, InstagramException failure) {
        failures.computeIfAbsent(call, c -> new ArrayDeque<>()).add(failure);
    }

    /**
     * The next refresh of this user's token fails with {@code failure}: for a test whose accounts are
     * refreshed in an order it does not control (a batch is claimed in any order).
     */
    public synchronized void failNextRefreshOf(String userId, InstagramException failure) {
        refreshFailures.put(userId, failure);
    }

    public static InstagramException rejected(int code, Integer subcode) {
        return new InstagramException(
                Kind.REJECTED,
                "Instagram answered with error " + code,
                Optional.of(new ProviderError("OAuthException", code, Optional.ofNullable(subcode), "rejected")));
    }

    public static InstagramException unavailable() {
        return new InstagramException(Kind.UNAVAILABLE, "Instagram answered 503", Optional.empty());
    }

    public static InstagramException malformed() {
        return new InstagramException(Kind.MALFORMED, "Instagram's answer is not JSON", Optional.empty());
    }

    // --- what it saw

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The secrets the calls of this kind carried, in order. */
    public synchronized List<String> received(Call call) {
        return received.stream()
                .filter(r -> r.call() == call)
                .map(Received::secret)
                .toList();
    }

    public synchronized int calls(Call call) {
        return received(call).size();
    }

    /** Every long-lived token it ever issued, in order. */
    public synchronized List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    public synchronized String lastIssuedToken() {
        return issuedTokens().get(issued.size() - 1);
    }

    public synchronized boolean isValid(String token) {
        Grant grant = longTokens.get(token);
        return grant != null && grant.expiresAt().isAfter(clock.instant());
    }

    /** Refreshes asked for a token under a day old: PlugKit should never make one. */
    public synchronized int refreshesTooEarly() {
        return refreshesTooEarly;
    }

    // --- InstagramApi

    @Override
    public URI authorizationUrl(String state) {
        return URI.create("https://instagram.test/oauth/authorize?state=" + state);
    }

    @Override
    public synchronized ShortLivedToken exchangeCode(Secret code) throws InstagramException {
        receive(Call.CODE_EXCHANGE, code);
        String userId = codes.remove(code.reveal());
        if (userId == null) {
            throw rejected(400, null); // Instagram: "Invalid authorization code", in its flat shape
        }
        String token = "IGQshort" + next("short");
        shortTokens.put(token, userId);
        return new ShortLivedToken(Secret.of(token), userId, permissions);
    }

    @Override
    public synchronized LongLivedToken exchangeForLongLived(Secret shortLivedToken) throws InstagramException {
        receive(Call.LONG_LIVED_EXCHANGE, shortLivedToken);
        String userId = shortTokens.remove(shortLivedToken.reveal());
        if (userId == null) {
            throw rejected(190, null);
        }
        return new LongLivedToken(Secret.of(issueLongLived(userId)), Optional.of(LONG_LIVED));
    }

    @Override
    public synchronized LongLivedToken refresh(Secret longLivedToken) throws InstagramException {
        receive(Call.REFRESH, longLivedToken);
        Grant grant = grant(longLivedToken);
        InstagramException planned = refreshFailures.remove(grant.userId());
        if (planned != null) {
            throw planned;
        }
        if (grant.issuedAt().plus(MIN_REFRESH_AGE).isAfter(clock.instant())) {
            refreshesTooEarly++;
            throw rejected(100, null);
        }
        longTokens.remove(longLivedToken.reveal());
        return new LongLivedToken(Secret.of(issueLongLived(grant.userId())), Optional.of(LONG_LIVED));
    }

    @Override
    public synchronized InstagramProfile fetchProfile(Secret accessToken) throws InstagramException {
        receive(Call.ME, accessToken);
        IgAccount a = accounts.get(grant(accessToken).userId());
        return new InstagramProfile(
                a.userId(),
                Optional.ofNullable(a.appScopedId()),
                a.username(),
                Optional.ofNullable(a.name()),
                a.accountType(),
                Optional.ofNullable(a.pictureUrl()));
    }

    @Override
    public synchronized void revokePermissions(Secret accessToken) throws InstagramException {
        receive(Call.REVOKE, accessToken);
        grant(accessToken);
        longTokens.remove(accessToken.reveal());
    }

    @Override
    public synchronized void subscribeApp(Secret accessToken, java.util.List<String> fields) throws InstagramException {
        receive(Call.SUBSCRIBE, accessToken);
        grant(accessToken);
    }

    // --- inside

    /** Records the call, then fails it if a failure is queued. */
    private void receive(Call call, Secret secret) throws InstagramException {
        received.add(new Received(call, secret.reveal()));
        InstagramException failure =
                failures.getOrDefault(call, new ArrayDeque<>()).poll();
        if (failure != null) {
            throw failure;
        }
    }

    /** The token's grant, or Graph's answer to a token that does not work: 190, 463 if it expired. */
    private Grant grant(Secret token) throws InstagramException {
        Grant grant = longTokens.get(token.reveal());
        if (grant == null) {
            throw rejected(190, 460);
        }
        if (!grant.expiresAt().isAfter(clock.instant())) {
            longTokens.remove(token.reveal());
            throw rejected(190, 463);
        }
        return grant;
    }

    private String issueLongLived(String userId) {
        String token = "IGAA" + next("long");
        Instant now = clock.instant();
        longTokens.put(token, new Grant(userId, now, now.plus(LONG_LIVED)));
        issued.add(token);
        return token;
    }

    private String next(String kind) {
        return kind + "-" + serial.incrementAndGet();
    }
}
