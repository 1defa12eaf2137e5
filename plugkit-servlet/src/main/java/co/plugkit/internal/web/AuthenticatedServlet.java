package co.plugkit.internal.web;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.Authentication;
import co.plugkit.internal.engine.Authentication.Authenticated;
import co.plugkit.internal.engine.Authentication.Limit;
import co.plugkit.internal.engine.Authentication.Limited;
import co.plugkit.internal.engine.Authentication.Reason;
import co.plugkit.internal.engine.Authentication.Refused;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A route that needs {@code Authorization: Bearer sk_…}. The key decides the workspace; everything the
 * route does is confined to it. Missing, malformed, unknown, expired and revoked keys all get 401 with
 * {@code WWW-Authenticate: Bearer}; a client address (the container's {@code getRemoteAddr()}) or key
 * prefix with too many failures gets 429 with {@code Retry-After}, and so does a key over its request rate.
 */
abstract class AuthenticatedServlet extends ApiServlet {
    private final transient ApiKeys apiKeys;

    AuthenticatedServlet(ObjectMapper json, ApiKeys apiKeys, String... methods) {
        super(json, methods);
        this.apiKeys = apiKeys;
    }

    protected abstract void handle(ApiCall call, WorkspaceId workspace) throws IOException;

    @Override
    protected final void handle(ApiCall call) throws IOException {
        Authentication outcome = apiKeys.authenticate(
                BearerToken.from(call.request()), call.request().getRemoteAddr());
        if (outcome instanceof Authenticated a) {
            call.actor(co.plugkit.model.Actor.apiKey(a.key().prefix()));
            handle(call, a.key().workspaceId());
        } else if (outcome instanceof Refused r) {
            call.response()
                    .setHeader(
                            "WWW-Authenticate",
                            r.reason() == Reason.MISSING
                                    ? "Bearer realm=\"plugkit\""
                                    : "Bearer realm=\"plugkit\", error=\"invalid_token\"");
            throw (r.reason() == Reason.MISSING ? ApiError.UNAUTHORIZED : ApiError.INVALID_API_KEY).problem();
        } else if (outcome instanceof Limited l) {
            long seconds = Math.max(1, (l.retryAfter().toMillis() + 999) / 1000);
            call.response().setHeader("Retry-After", Long.toString(seconds));
            throw (l.limit() == Limit.KEY_REQUESTS ? ApiError.RATE_LIMITED : ApiError.TOO_MANY_FAILED_AUTHENTICATIONS)
                    .problem();
        }
    }
}
