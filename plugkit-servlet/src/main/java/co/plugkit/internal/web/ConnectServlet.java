package co.plugkit.internal.web;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.ConnectFlow;
import co.plugkit.internal.engine.ConnectStart;
import co.plugkit.provider.Platform;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** {@code GET /v1/connect/{platform}?profileId=…[&redirectUrl=…]}: hands out an authorization URL. */
final class ConnectServlet extends AuthenticatedServlet {
    private final transient ConnectFlow flow;
    private final transient Platform platform;

    ConnectServlet(ObjectMapper json, ApiKeys apiKeys, ConnectFlow flow, Platform platform) {
        super(json, apiKeys, "GET");
        this.flow = flow;
        this.platform = platform;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        if (!call.method().equals("GET")) {
            throw ApiProblem.methodNotAllowed(call.method(), "GET");
        }
        String profileText = call.requiredQuery("profileId");
        ProfileId profileId = ProfileId.parse(profileText)
                .orElseThrow(() -> ApiProblem.badParameter("profileId", "must be a profile id (prof_…)"));
        ConnectStart start = flow.start(workspace, platform, profileId, call.query("redirectUrl"));
        if (start instanceof ConnectStart.Started started) {
            call.respond(
                    200,
                    new Views.ConnectView(
                            started.authUrl().toString(),
                            started.state(),
                            started.sessionId(),
                            started.expiresAt().toString()));
        } else if (start instanceof ConnectStart.ProfileNotFound) {
            throw ApiError.PROFILE_NOT_FOUND.problem(profileId);
        } else {
            throw ApiError.REDIRECT_URL_NOT_ALLOWED.problem();
        }
    }
}
