package co.plugkit.sandbox;

import co.plugkit.sandbox.SandboxLedger.Code;
import co.plugkit.sandbox.SandboxLedger.Grant;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stand-in for Instagram (API with Instagram Login) that ships with PlugKit, so the whole connect flow
 * runs offline: the authorization page, the redirect back, the code exchange, the long-lived exchange,
 * refresh, {@code /me} and revocation, with the shapes and rules of instagram-protocol.md. This class is
 * the engine, with no servlet import; {@link SandboxRoutes} mounts thin servlets over it.
 *
 * <p>Its state (codes and tokens) lives in memory and is lost on restart. It accepts one app (the client
 * id and secret of {@link SandboxSettings}) and one redirect URI, matched character for character.
 */
public final class InstagramSandbox {
    /** An authorization code is valid for one hour, once. */
    public static final Duration CODE_LIFETIME = Duration.ofHours(1);

    /** A short-lived token is valid for one hour. */
    public static final Duration SHORT_LIVED_LIFETIME = Duration.ofHours(1);

    /** A long-lived token is valid for 60 days from issue or last refresh ({@code expires_in} 5184000). */
    public static final Duration LONG_LIVED_LIFETIME = Duration.ofDays(60);

    /** A long-lived token can be refreshed only once it is at least 24 hours old. */
    public static final Duration REFRESH_MIN_AGE = Duration.ofHours(24);

    /** The scopes of Instagram Login for business; {@code instagram_business_basic} is required. */
    public static final Set<String> KNOWN_SCOPES = Set.of(
            "instagram_business_basic",
            "instagram_business_content_publish",
            "instagram_business_manage_messages",
            "instagram_business_manage_comments",
            "instagram_business_manage_insights");

    /** What Instagram shows for every problem with an authorization request (instagram-protocol.md §2). */
    static final String INVALID_REQUEST = "Invalid Request: Request parameters are invalid: Invalid redirect_uri";

    private final SandboxSettings settings;
    private final Clock clock;
    private final SandboxLedger ledger = new SandboxLedger();
    private final SandboxGraph graph;

    public InstagramSandbox(SandboxSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.graph = new SandboxGraph(settings, clock, ledger);
    }

    public SandboxSettings settings() {
        return settings;
    }

    /**
     * Checks an authorization request ({@code GET /oauth/authorize}, or the consent form's hidden fields):
     * the client id, the exact redirect URI, {@code response_type=code}, known scopes including
     * {@code instagram_business_basic}, and the optional fault switches.
     */
    public Authorization check(Map<String, String> params) {
        if (!settings.clientId().equals(params.get("client_id"))) {
            return new Authorization.Refused("Invalid platform app");
        }
        String redirectUri = params.get("redirect_uri");
        String scope = params.get("scope");
        if (redirectUri == null
                || !redirectUri.equals(settings.redirectUri().toString())
                || !"code".equals(params.get("response_type"))
                || scope == null) {
            return new Authorization.Refused(INVALID_REQUEST);
        }
        List<String> scopes = new ArrayList<>();
        for (String s : scope.split("[, ]")) {
            if (!s.isEmpty()) {
                scopes.add(s);
            }
        }
        if (!scopes.contains("instagram_business_basic") || !KNOWN_SCOPES.containsAll(scopes)) {
            return new Authorization.Refused(INVALID_REQUEST);
        }
        Optional<SandboxFault> fault = optionalParam(params, "sandbox_fault")
                .map(SandboxFault::fromParam)
                .orElse(Optional.of(SandboxFault.NONE));
        Optional<SandboxShape> shape = optionalParam(params, "sandbox_shape")
                .map(SandboxShape::fromParam)
                .orElse(Optional.of(SandboxShape.FLAT));
        if (fault.isEmpty() || shape.isEmpty()) {
            return new Authorization.Refused("Unknown sandbox_fault or sandbox_shape. Faults: none, server_error,"
                    + " slow, expired_code, revoked_token, graph_190, graph_throttled. Shapes: flat, data.");
        }
        return new Authorization.Consent(
                new AuthorizationRequest(
                        params.get("client_id"),
                        redirectUri,
                        scopes,
                        scope,
                        optionalParam(params, "state"),
                        fault.get(),
                        shape.get()),
                SandboxAccount.ALL);
    }

    /**
     * The person pressed Allow as {@code account}: a single-use code, valid one hour, and the redirect to
     * {@code redirect_uri?code=…&state=…#_}. With the expired-code fault the code is already past its hour.
     */
    public URI approve(AuthorizationRequest request, SandboxAccount account) {
        Instant now = clock.instant();
        Instant expiresAt =
                request.fault() == SandboxFault.EXPIRED_CODE ? now.minusSeconds(1) : now.plus(CODE_LIFETIME);
        Grant grant = new Grant(account, request.scopes(), request.redirectUri(), request.fault(), request.shape());
        String code = ledger.issueCode(new Code(grant, expiresAt));
        return redirect(request, "code=" + encode(code), "#_");
    }

    /** The person pressed Cancel: the redirect with Instagram's {@code access_denied} parameters. */
    public URI cancel(AuthorizationRequest request) {
        return redirect(
                request,
                "error=access_denied&error_reason=user_denied" + "&error_description="
                        + encode("The user denied your request"),
                "");
    }

    /** {@code POST /oauth/access_token}: the code exchange. */
    public SandboxAnswer exchangeCode(SandboxCall call) {
        return graph.exchangeCode(call);
    }

    /** {@code GET /access_token?grant_type=ig_exchange_token}: the long-lived exchange. */
    public SandboxAnswer exchangeForLongLived(SandboxCall call) {
        return graph.exchangeForLongLived(call);
    }

    /** {@code GET /refresh_access_token?grant_type=ig_refresh_token}: refresh, with the 24-hour rule. */
    public SandboxAnswer refresh(SandboxCall call) {
        return graph.refresh(call);
    }

    /** {@code GET /{version}/me}: the token's account, with the requested fields. */
    public SandboxAnswer me(SandboxCall call) {
        return graph.me(call);
    }

    /** {@code POST /{version}/me/subscribed_apps}: the account's webhooks (the apps page sends them). */
    public SandboxAnswer subscribeApp(SandboxCall call) {
        return graph.subscribeApp(call);
    }

    /** {@code DELETE /{version}/me/permissions}: revokes every token of the token's account. */
    public SandboxAnswer revokePermissions(SandboxCall call) {
        return graph.revokePermissions(call);
    }

    /**
     * The person removed the app in Instagram's settings: every sandbox token of {@code account} is revoked
     * (Graph answers 190/460 for them from now on), as after {@code DELETE /me/permissions}.
     */
    public void removeApp(SandboxAccount account) {
        ledger.revokeAllOf(Objects.requireNonNull(account, "account").userId());
    }

    /** Whether the app can still use {@code account}: it holds a long-lived token neither revoked nor expired. */
    public boolean hasAccess(SandboxAccount account) {
        return ledger.hasLiveLongLivedToken(
                Objects.requireNonNull(account, "account").userId(), clock.instant());
    }

    /**
     * Any other Graph path, {@code path} being its segments below the version: {@code me/media}, the
     * publishing pair, comments and replies, conversations and messages, insights ({@link SandboxMedia}).
     */
    public SandboxAnswer graph(SandboxCall call, List<String> path) {
        return graph.graph(call, List.copyOf(path));
    }

    /** Graph's answer to a path it does not know. */
    public SandboxAnswer unsupported(String method) {
        return SandboxAnswer.graphError(
                400,
                "GraphMethodException",
                100,
                33,
                "Unsupported " + method.toLowerCase(java.util.Locale.ROOT) + " request.",
                false);
    }

    private static URI redirect(AuthorizationRequest request, String query, String fragment) {
        String base = request.redirectUri();
        String state = request.state().map(s -> "&state=" + encode(s)).orElse("");
        return URI.create(base + (base.contains("?") ? "&" : "?") + query + state + fragment);
    }

    private static Optional<String> optionalParam(Map<String, String> params, String name) {
        return Optional.ofNullable(params.get(name)).filter(v -> !v.isEmpty());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
