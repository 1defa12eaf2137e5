package co.plugkit.internal.web;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.AccountTokens;
import co.plugkit.internal.engine.GraphProxy;
import co.plugkit.internal.engine.GraphReply;
import co.plugkit.internal.engine.GraphVerdict;
import co.plugkit.internal.engine.ProxyOutcome;
import co.plugkit.internal.engine.UsableToken;
import co.plugkit.model.AccountUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Using a connected account over HTTP, below {@code /v1/accounts/{id}}: the Graph API proxy ({@code
 * /instagram/{graph path…}}) and the token export ({@code /token}, only with {@code
 * plugkit.api.exposeTokens}). Reads the request ({@link GraphCallReader}), calls the engine, renders.
 */
final class AccountUseRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AccountUseRoutes.class);

    record TokenView(String accessToken, String expiresAt, List<String> scopes) {
        @Override
        public String toString() {
            return "TokenView{accessToken=****}";
        }
    }

    private final GraphProxy proxy;
    private final AccountTokens tokens;

    AccountUseRoutes(GraphProxy proxy, AccountTokens tokens) {
        this.proxy = proxy;
        this.tokens = tokens;
    }

    /** Whether a path below {@code /v1/accounts} ({@code [id, …]}) is one of these routes. */
    static boolean handles(List<String> path) {
        return path.size() >= 2
                && (path.get(1).equals("instagram") || path.get(1).equals("token"));
    }

    void handle(ApiCall call, WorkspaceId workspace, List<String> path) throws IOException {
        if (path.get(1).equals("token")) {
            if (path.size() != 2 || !tokens.exportAllowed()) {
                // Off unless the operator opts in: the route does not exist, as any unknown one.
                throw ApiError.NOT_FOUND.problem();
            }
            if (!call.method().equals("GET")) {
                throw ApiProblem.methodNotAllowed(call.method(), "GET");
            }
            exportToken(call, workspace, path.get(0));
            return;
        }
        AccountId id = AccountId.parse(path.get(0)).orElseThrow(() -> notFound(path.get(0)));
        ProxyOutcome outcome = proxy.forward(workspace, id, GraphCallReader.read(call, path.subList(2, path.size())));
        if (outcome instanceof ProxyOutcome.Answered answered) {
            passOn(call.response(), answered.reply());
        } else if (outcome instanceof ProxyOutcome.AccountUnavailable unavailable) {
            throw problem(unavailable.reason(), path.get(0));
        } else if (outcome instanceof ProxyOutcome.UpstreamFailed failed) {
            throw switch (failed.failure().kind()) {
                case TIMEOUT ->
                    ApiError.INSTAGRAM_TIMEOUT.problem(failed.failure().getMessage());
                case TOO_LARGE ->
                    ApiError.INSTAGRAM_RESPONSE_TOO_LARGE.problem(
                            failed.failure().getMessage());
                case UNREACHABLE ->
                    ApiError.INSTAGRAM_UNAVAILABLE.problem(failed.failure().getMessage());
            };
        }
    }

    private void exportToken(ApiCall call, WorkspaceId workspace, String rawId) throws IOException {
        AccountId id = AccountId.parse(rawId).orElseThrow(() -> notFound(rawId));
        UsableToken token;
        try {
            token = tokens.current(workspace, id);
        } catch (AccountUnavailableException e) {
            throw problem(e, rawId);
        }
        LOG.info("Account {}: its access token was handed to an API client (plugkit.api.exposeTokens)", id);
        call.respond(
                200,
                new TokenView(
                        token.token().reveal(),
                        token.account().tokenExpiresAt().map(Instant::toString).orElse(null),
                        token.account().scopes()));
    }

    /** Instagram's answer as it came: status, content type, usage headers, body; throttling as 429. */
    private static void passOn(HttpServletResponse response, GraphReply reply) throws IOException {
        int status = reply.status();
        if (reply.verdict() instanceof GraphVerdict.Throttled throttled) {
            status = 429;
            throttled
                    .retryAfter()
                    .ifPresent(wait -> response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
        }
        reply.usageHeaders().forEach(response::setHeader);
        response.setStatus(status);
        reply.contentType().ifPresent(response::setContentType);
        byte[] body = reply.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static ApiProblem problem(AccountUnavailableException e, String rawId) {
        return switch (e.reason()) {
            case NOT_FOUND, DISCONNECTED -> notFound(rawId);
            case NEEDS_RECONNECT ->
                ApiError.ACCOUNT_NEEDS_RECONNECT.problem(
                        Safe.id(rawId), e.statusReason().orElse("needs_reconnect"));
            case TOKEN_KEY_UNKNOWN -> ApiError.TOKEN_KEY_UNKNOWN.problem();
        };
    }

    private static ApiProblem notFound(String id) {
        return ApiError.ACCOUNT_NOT_FOUND.problem(Safe.id(id));
    }
}
