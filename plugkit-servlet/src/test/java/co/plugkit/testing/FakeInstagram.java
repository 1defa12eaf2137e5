package co.plugkit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A stand-in for Instagram (API with Instagram Login) on loopback, behaving as instagram-protocol.md
 * describes: the authorization page (approving at once, or denying), single-use one-hour codes on
 * {@code POST /oauth/access_token} with the exact form fields checked, both response shapes of the code
 * exchange, {@code ig_exchange_token}, {@code /{version}/me}, and Instagram's two error envelopes.
 * Tests queue faults per endpoint to see PlugKit's failure paths.
 */
public final class FakeInstagram implements AutoCloseable {

    /** The endpoints, for counting calls and queueing faults. */
    public enum Endpoint {
        AUTHORIZE,
        CODE_EXCHANGE,
        LONG_LIVED_EXCHANGE,
        ME,
        REVOKE,
        REFRESH,
        SUBSCRIBE
    }

    /** What the next call to an endpoint does instead of answering normally. */
    public enum Fault {
        SERVER_ERROR,
        SLOW,
        MALFORMED_JSON,
        HTML_BODY,
        HUGE_BODY,
        GRAPH_ERROR_190,
        RATE_LIMITED
    }

    /** The two shapes of the code exchange's answer. */
    public enum Shape {
        /** As observed in production: flat, numeric user_id, permissions array. */
        FLAT,
        /** As documented: wrapped in data[], string user_id, permissions comma-separated string. */
        DATA_ARRAY,
        /** Flat with no permissions at all. */
        FLAT_NO_PERMISSIONS
    }

    /** An Instagram account that a person may approve. */
    public record IgAccount(
            String userId, String appScopedId, String username, String name, String accountType, String pictureUrl) {
        public static IgAccount business(String userId, String username) {
            return new IgAccount(
                    userId,
                    "2728" + userId.substring(4),
                    username,
                    "Name of " + username,
                    "BUSINESS",
                    "https://scontent.example/" + username + ".jpg");
        }
    }

    public static final String CLIENT_ID = "990602627938098";
    public static final String CLIENT_SECRET = "test-instagram-app-secret";

    /** A container's environment holding the app secret, as deployments keep it out of {@code web.xml}. */
    public static final Map<String, String> SECRET_ENVIRONMENT =
            Map.of("PLUGKIT_INSTAGRAM_CLIENT_SECRET", CLIENT_SECRET);

    public static final long LONG_LIVED_SECONDS = 5_183_944;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final Server server;
    private final Set<String> registeredRedirectUris = ConcurrentHashMap.newKeySet();
    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Map<String, IgAccount> shortTokens = new ConcurrentHashMap<>();
    private final Map<String, LongGrant> longTokens = new ConcurrentHashMap<>();
    private final Set<String> everyLongToken = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger refreshTooEarly = new AtomicInteger();
    private final Map<Endpoint, AtomicInteger> calls = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Deque<Fault>> faults = new EnumMap<>(Endpoint.class);
    private final List<Map<String, String>> codeExchangeForms = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> subscriptions = Collections.synchronizedList(new ArrayList<>());
    private final List<String> receivedTokens = Collections.synchronizedList(new ArrayList<>());
    private volatile IgAccount nextApproval = IgAccount.business("17841400000000001", "acme");
    private volatile boolean denyNext;
    private volatile String nextRedirectError;
    private volatile Shape shape = Shape.FLAT;
    private volatile Duration slowDelay = Duration.ofSeconds(3);
    private volatile long announcedExpiresIn = LONG_LIVED_SECONDS;
    private volatile Duration refreshDelay = Duration.ZERO;
    private final FakeGraph graph = new FakeGraph(
            token -> java.util.Optional.ofNullable(validGrant(token)).map(LongGrant::account));

    private record CodeGrant(IgAccount account, String redirectUri, Instant expiresAt) {}

    /** A long-lived token: valid for 60 days from issue, refreshable once it is a day old. */
    private record LongGrant(IgAccount account, Instant issuedAt, Instant expiresAt) {}

    /** A stand-in on a free loopback port, as tests want it. */
    public FakeInstagram(Clock clock) {
        this(clock, 0);
    }

    /** A stand-in on a chosen loopback port (0 for any free one), so a person can run it at a known URL. */
    public FakeInstagram(Clock clock, int port) {
        this.clock = clock;
        for (Endpoint e : Endpoint.values()) {
            calls.put(e, new AtomicInteger());
            faults.put(e, new ArrayDeque<>());
        }
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new Router()), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the stand-in Instagram did not start", e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}; use it for the authorize, API and Graph URLs. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    public URI authorizeUrl() {
        return URI.create(baseUrl() + "/oauth/authorize");
    }

    /**
     * The settings a webapp declares (as {@code web.xml} context-params) to mount PlugKit at {@code /plugkit}
     * through its initializer, against this stand-in, on an in-memory H2 database of its own; the webapp's
     * callback URL is registered here. The client secret is not among them: it comes from the container's
     * environment ({@link #SECRET_ENVIRONMENT}). The map is the caller's to change.
     */
    public Map<String, String> webappSettings(String publicUrl, String bootstrapApiKey) {
        Map<String, String> params = new HashMap<>();
        params.put("plugkit.publicUrl", publicUrl);
        params.put("plugkit.pathPrefix", "/plugkit");
        params.put("plugkit.db.url", "jdbc:h2:mem:plugkit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        params.put("plugkit.db.user", "sa");
        params.put("plugkit.instagram.clientId", CLIENT_ID);
        params.put("plugkit.instagram.authorizeUrl", authorizeUrl().toString());
        params.put("plugkit.instagram.apiUrl", baseUrl().toString());
        params.put("plugkit.instagram.graphUrl", baseUrl().toString());
        params.put("plugkit.encryptionKey", TestKeys.ENCRYPTION_KEY);
        params.put("plugkit.bootstrapApiKey", bootstrapApiKey);
        registerRedirectUri(publicUrl + "/v1/connect/instagram/callback");
        return params;
    }

    /** Like "OAuth redirect URIs" in Meta's App Dashboard: only these, character for character. */
    public void registerRedirectUri(String uri) {
        registeredRedirectUris.add(uri);
    }

    /** The account the next authorization approves. */
    public void approveAs(IgAccount account) {
        this.nextApproval = account;
        this.denyNext = false;
    }

    /** The next authorization is cancelled by the person. */
    public void denyNext() {
        this.denyNext = true;
    }

    /**
     * The next authorization redirects back with {@code error} and {@code error_description} (Instagram's
     * refusals: {@code invalid_scope}, "Insufficient developer role", "Invalid platform app").
     */
    public void redirectErrorNext(String error, String description) {
        this.nextRedirectError = "?error=" + URLEncoder.encode(error, StandardCharsets.UTF_8) + "&error_description="
                + URLEncoder.encode(description, StandardCharsets.UTF_8);
    }

    public void shape(Shape shape) {
        this.shape = shape;
    }

    public void slowDelay(Duration delay) {
        this.slowDelay = delay;
    }

    /** The next call to {@code endpoint} fails with {@code fault}. */
    public void failNext(Endpoint endpoint, Fault fault) {
        synchronized (faults) {
            faults.get(endpoint).add(fault);
        }
    }

    public int calls(Endpoint endpoint) {
        return calls.get(endpoint).get();
    }

    /** Every form the code exchange received, in order. */
    public List<Map<String, String>> codeExchangeForms() {
        synchronized (codeExchangeForms) {
            return List.copyOf(codeExchangeForms);
        }
    }

    /** Every request line received (method, path and query), for checking what travelled where. */
    public List<String> requestLines() {
        synchronized (requestLines) {
            return List.copyOf(requestLines);
        }
    }

    /**
     * Every access token received, in order, whether in the {@code access_token} parameter or as a bearer
     * token, whatever the endpoint: to check which token was used for what.
     */
    public List<String> receivedTokens() {
        synchronized (receivedTokens) {
            return List.copyOf(receivedTokens);
        }
    }

    /** Every long-lived token issued so far (revoked ones too), to look for them where they must not be. */
    public Set<String> issuedLongLivedTokens() {
        return Set.copyOf(everyLongToken);
    }

    /** Revokes every token of an account, as a password change would. */
    public void revokeTokensOf(String userId) {
        longTokens.values().removeIf(g -> g.account().userId().equals(userId));
        shortTokens.values().removeIf(a -> a.userId().equals(userId));
    }

    /** The user renames the account on Instagram: {@code /me} with any of its tokens says so from now on. */
    public void rename(String userId, String newUsername) {
        longTokens.replaceAll((token, g) -> g.account().userId().equals(userId)
                ? new LongGrant(
                        new IgAccount(
                                userId,
                                g.account().appScopedId(),
                                newUsername,
                                g.account().name(),
                                g.account().accountType(),
                                g.account().pictureUrl()),
                        g.issuedAt(),
                        g.expiresAt())
                : g);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private Fault takeFault(Endpoint endpoint) {
        synchronized (faults) {
            return faults.get(endpoint).poll();
        }
    }

    private final class Router extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getRequestURI();
            requestLines.add(
                    req.getMethod() + " " + path + (req.getQueryString() == null ? "" : "?" + req.getQueryString()));
            String bearer = req.getHeader("Authorization");
            if (bearer != null && bearer.startsWith("Bearer ")) {
                receivedTokens.add(bearer.substring(7));
            }
            boolean graphPath = path.matches("/v\\d+\\.\\d+/.+") && !path.matches("/v\\d+\\.\\d+/me(/permissions)?");
            // A Graph call's form body is the Graph fake's to read (reading a parameter here would consume it);
            // its query, where a token would show, is recorded with the call.
            if (!graphPath && req.getParameter("access_token") != null) {
                receivedTokens.add(req.getParameter("access_token"));
            }
            if (path.equals("/oauth/authorize") && req.getMethod().equals("GET")) {
                authorize(req, resp);
            } else if (path.equals("/oauth/access_token")) {
                if (!faulted(Endpoint.CODE_EXCHANGE, resp)) {
                    codeExchange(req, resp);
                }
            } else if (path.equals("/refresh_access_token")) {
                if (!faulted(Endpoint.REFRESH, resp)) {
                    refresh(req, resp);
                }
            } else if (path.equals("/access_token")) {
                if (!faulted(Endpoint.LONG_LIVED_EXCHANGE, resp)) {
                    longLived(req, resp);
                }
            } else if (path.matches("/v\\d+\\.\\d+/me/permissions")
                    && req.getMethod().equals("DELETE")) {
                if (!faulted(Endpoint.REVOKE, resp)) {
                    revoke(req, resp);
                }
            } else if (path.matches("/v\\d+\\.\\d+/me/subscribed_apps")
                    && req.getMethod().equals("POST")) {
                if (!faulted(Endpoint.SUBSCRIBE, resp)) {
                    subscribe(req, resp);
                }
            } else if (path.matches("/v\\d+\\.\\d+/me")) {
                if (!faulted(Endpoint.ME, resp)) {
                    me(req, resp);
                }
            } else if (graphPath) {
                graph.handle(req, resp, path);
            } else {
                graphError(resp, 400, "Unsupported get request.", "GraphMethodException", 100, null);
            }
        }
    }

    private boolean faulted(Endpoint endpoint, HttpServletResponse resp) throws IOException {
        calls.get(endpoint).incrementAndGet();
        Fault fault = takeFault(endpoint);
        if (fault == null) {
            return false;
        }
        switch (fault) {
            case SERVER_ERROR -> {
                resp.setStatus(500);
                resp.setContentType("text/plain");
                resp.getWriter().write("Internal Server Error");
            }
            case SLOW -> {
                try {
                    Thread.sleep(slowDelay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                resp.setStatus(500);
            }
            case MALFORMED_JSON -> {
                resp.setStatus(200);
                resp.setContentType("application/json");
                resp.getWriter().write("{\"access_token\": \"IGAAbroken");
            }
            case HTML_BODY -> {
                resp.setStatus(200);
                resp.setContentType("text/html");
                resp.getWriter().write("<html><body><h1>Sorry, something went wrong.</h1></body></html>");
            }
            case HUGE_BODY -> {
                resp.setStatus(200);
                resp.setContentType("application/json");
                resp.getWriter().write("{\"padding\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}");
            }
            case GRAPH_ERROR_190 ->
                graphError(resp, 400, "Error validating access token: Session has expired", "OAuthException", 190, 463);
            case RATE_LIMITED ->
                graphError(
                        resp,
                        400,
                        "There have been too many calls to this Instagram account. Wait a bit and try again.",
                        "OAuthException",
                        80002,
                        null);
        }
        return true;
    }

    private void authorize(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        calls.get(Endpoint.AUTHORIZE).incrementAndGet();
        String redirectUri = req.getParameter("redirect_uri");
        String scope = req.getParameter("scope");
        if (!CLIENT_ID.equals(req.getParameter("client_id"))) {
            page(resp, 400, "Invalid platform app");
            return;
        }
        // Meta collapses every authorize-request problem into one page and redirects nothing back.
        if (redirectUri == null
                || !registeredRedirectUris.contains(redirectUri)
                || !"code".equals(req.getParameter("response_type"))
                || scope == null
                || !List.of(scope.split(",")).contains("instagram_business_basic")) {
            page(resp, 400, "Invalid Request: Request parameters are invalid: Invalid redirect_uri");
            return;
        }
        String state = req.getParameter("state");
        String stateParam = state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
        String location;
        if (nextRedirectError != null) {
            location = redirectUri + nextRedirectError + stateParam;
            nextRedirectError = null;
        } else if (denyNext) {
            denyNext = false;
            location = redirectUri + "?error=access_denied&error_reason=user_denied"
                    + "&error_description=The+user+denied+your+request" + stateParam;
        } else {
            String code = "AQ" + randomToken(48);
            codes.put(
                    code,
                    new CodeGrant(nextApproval, redirectUri, clock.instant().plus(Duration.ofHours(1))));
            location = redirectUri + "?code=" + code + stateParam + "#_";
        }
        resp.setStatus(302);
        resp.setHeader("Location", location);
    }

    private void codeExchange(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("POST")) {
            flatError(resp, "Unsupported request - method type: get");
            return;
        }
        String contentType = req.getContentType();
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            flatError(resp, "Missing required field client_id");
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> form.put(k, v[0]));
        codeExchangeForms.add(form);
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            flatError(resp, "Invalid platform app");
            return;
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            flatError(resp, "Invalid grant_type");
            return;
        }
        CodeGrant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (grant == null || grant.expiresAt().isBefore(clock.instant())) {
            flatError(resp, "Matching code was not found or was already used");
            return;
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            flatError(resp, "Error validating verification code. Please make sure your redirect_uri is identical");
            return;
        }
        String token = "IGAA" + randomToken(40);
        shortTokens.put(token, grant.account());
        String permissions = "instagram_business_basic,instagram_business_manage_messages";
        String body = switch (shape) {
            case FLAT ->
                "{\"access_token\": \"" + token + "\", \"user_id\": "
                        + grant.account().appScopedId()
                        + ", \"permissions\": [\"instagram_business_basic\", \"instagram_business_manage_messages\"]}";
            case DATA_ARRAY ->
                "{\"data\": [{\"access_token\": \"" + token + "\", \"user_id\": \""
                        + grant.account().appScopedId() + "\", \"permissions\": \"" + permissions + "\"}]}";
            case FLAT_NO_PERMISSIONS ->
                "{\"access_token\": \"" + token + "\", \"user_id\": "
                        + grant.account().appScopedId() + "}";
        };
        json(resp, 200, body);
    }

    private void longLived(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"ig_exchange_token".equals(req.getParameter("grant_type"))) {
            graphError(resp, 400, "Unsupported grant_type", "OAuthException", 100, null);
            return;
        }
        if (!CLIENT_SECRET.equals(req.getParameter("client_secret"))) {
            graphError(resp, 400, "Error validating client secret.", "OAuthException", 1, null);
            return;
        }
        IgAccount account =
                req.getParameter("access_token") == null ? null : shortTokens.get(req.getParameter("access_token"));
        if (account == null) {
            graphError(
                    resp, 400, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, null);
            return;
        }
        issueLongLived(resp, account);
    }

    private void issueLongLived(HttpServletResponse resp, IgAccount account) throws IOException {
        String token = "IGAA" + randomToken(60);
        Instant now = clock.instant();
        longTokens.put(token, new LongGrant(account, now, now.plusSeconds(LONG_LIVED_SECONDS)));
        everyLongToken.add(token);
        json(
                resp,
                200,
                "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + announcedExpiresIn
                        + "}");
    }

    /**
     * The {@code expires_in} the long-lived exchange and refresh announce from now on (the token itself
     * still lives 60 days here), for answers Instagram should not but might send.
     */
    public void announceExpiresIn(long seconds) {
        this.announcedExpiresIn = seconds;
    }

    /** {@code GET /refresh_access_token}: GET only, token at least 24 hours old and unexpired. */
    private void refresh(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!req.getMethod().equals("GET")) {
            graphError(
                    resp,
                    400,
                    "Unsupported request - method type: " + req.getMethod().toLowerCase(java.util.Locale.ROOT),
                    "GraphMethodException",
                    100,
                    null);
            return;
        }
        if (!"ig_refresh_token".equals(req.getParameter("grant_type"))) {
            graphError(resp, 400, "Unsupported grant_type", "OAuthException", 100, null);
            return;
        }
        String token = req.getParameter("access_token");
        LongGrant grant = token == null ? null : longTokens.get(token);
        if (grant == null) {
            graphError(
                    resp,
                    400,
                    "Error validating access token: The session has been invalidated because the user"
                            + " changed their password or Facebook has changed the session for security reasons.",
                    "OAuthException",
                    190,
                    460);
            return;
        }
        Instant now = clock.instant();
        if (!grant.expiresAt().isAfter(now)) {
            longTokens.remove(token);
            graphError(
                    resp,
                    400,
                    "Error validating access token: Session has expired on " + grant.expiresAt(),
                    "OAuthException",
                    190,
                    463);
            return;
        }
        if (grant.issuedAt().plus(Duration.ofHours(24)).isAfter(now)) {
            refreshTooEarly.incrementAndGet();
            graphError(
                    resp,
                    400,
                    "The access token must be at least 24 hours old to be refreshed",
                    "OAuthException",
                    100,
                    null);
            return;
        }
        refreshes.incrementAndGet();
        if (!refreshDelay.isZero()) {
            try {
                Thread.sleep(refreshDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        longTokens.remove(token);
        issueLongLived(resp, grant.account());
    }

    /** The Graph API beyond {@code /me}: its recorded calls and queued answers (the proxy's tests). */
    public FakeGraph graph() {
        return graph;
    }

    /** Successful refreshes answer after this delay from now on, so that racing callers overlap. */
    public void refreshDelay(Duration delay) {
        this.refreshDelay = delay;
    }

    /** How many refreshes succeeded, and how many came too early (before the token was a day old). */
    public int successfulRefreshes() {
        return refreshes.get();
    }

    public int refreshesTooEarly() {
        return refreshTooEarly.get();
    }

    private LongGrant validGrant(String token) {
        LongGrant grant = token == null ? null : longTokens.get(token);
        return grant != null && grant.expiresAt().isAfter(clock.instant()) ? grant : null;
    }

    private void me(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String header = req.getHeader("Authorization");
        String token =
                header != null && header.startsWith("Bearer ") ? header.substring(7) : req.getParameter("access_token");
        LongGrant grant = validGrant(token);
        IgAccount account = grant == null ? null : grant.account();
        if (account == null) {
            graphError(
                    resp,
                    400,
                    "Error validating access token: The session has been invalidated",
                    "OAuthException",
                    190,
                    460);
            return;
        }
        Map<String, Object> all = new HashMap<>();
        all.put("id", account.appScopedId());
        all.put("user_id", account.userId());
        all.put("username", account.username());
        all.put("name", account.name());
        all.put("account_type", account.accountType());
        all.put("profile_picture_url", account.pictureUrl());
        Map<String, Object> out = new LinkedHashMap<>();
        String fields = req.getParameter("fields");
        for (String f : (fields == null ? "id" : fields).split(",")) {
            if (all.containsKey(f)) {
                out.put(f, all.get(f));
            }
        }
        out.putIfAbsent("id", account.appScopedId());
        json(resp, 200, json.writeValueAsString(out));
    }

    private void revoke(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String header = req.getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
        LongGrant account = token == null ? null : longTokens.remove(token);
        if (account == null) {
            graphError(resp, 400, "Invalid OAuth access token", "OAuthException", 190, null);
            return;
        }
        json(resp, 200, "{\"success\":true}");
    }

    /** The account a valid long-lived token belongs to. */
    public java.util.Optional<IgAccount> accountOf(String longLivedToken) {
        return java.util.Optional.ofNullable(validGrant(longLivedToken)).map(LongGrant::account);
    }

    /** {@code POST /me/subscribed_apps}: records which account subscribed to which fields. */
    private void subscribe(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String header = req.getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
        LongGrant grant = token == null ? null : validGrant(token);
        String fields = req.getParameter("subscribed_fields");
        if (grant == null) {
            graphError(resp, 400, "Invalid OAuth access token", "OAuthException", 190, null);
            return;
        }
        if (fields == null || fields.isBlank()) {
            graphError(resp, 400, "(#100) The parameter subscribed_fields is required", "OAuthException", 100, null);
            return;
        }
        subscriptions.add(grant.account().userId() + ":" + fields);
        json(resp, 200, "{\"success\":true}");
    }

    /** Every successful {@code POST /me/subscribed_apps}, as {@code "<user id>:<subscribed_fields>"}. */
    public List<String> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Whether a long-lived token is still valid (not revoked). */
    public boolean isValid(String longLivedToken) {
        return validGrant(longLivedToken) != null;
    }

    /** Issues a long-lived token for an account directly, as the App Dashboard's "Generate token" does. */
    public String generateToken(IgAccount account) {
        return generateToken(account, 64);
    }

    /** The same, with a token of {@code length} characters (Meta bounds none). */
    public String generateToken(IgAccount account, int length) {
        StringBuilder random = new StringBuilder();
        while (random.length() < length - 4) {
            random.append(randomToken(Math.min(60, length - 4 - random.length())));
        }
        String token = "IGAA" + random;
        Instant now = clock.instant();
        longTokens.put(token, new LongGrant(account, now, now.plusSeconds(LONG_LIVED_SECONDS)));
        everyLongToken.add(token);
        return token;
    }

    private void flatError(HttpServletResponse resp, String message) throws IOException {
        json(
                resp,
                400,
                json.writeValueAsString(Map.of("error_type", "OAuthException", "code", 400, "error_message", message)));
    }

    private void graphError(
            HttpServletResponse resp, int status, String message, String type, int code, Integer subcode)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "A" + randomToken(8));
        json(resp, status, json.writeValueAsString(Map.of("error", error)));
    }

    private static void json(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json; charset=UTF-8");
        resp.getWriter().write(body);
    }

    private static void page(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html; charset=UTF-8");
        resp.getWriter().write("<html><body><p>" + message + "</p></body></html>");
    }

    private static String randomToken(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(bytes)
                .substring(0, length)
                .replace('-', 'Z')
                .replace('_', 'Z');
    }
}
