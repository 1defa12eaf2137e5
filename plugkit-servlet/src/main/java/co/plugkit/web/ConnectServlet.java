package co.plugkit.web;

import co.plugkit.engine.ApiKeys;
import co.plugkit.engine.ConnectFlow;
import co.plugkit.engine.ConnectStart;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** {@code GET /v1/connect/instagram?profileId=…[&redirectUrl=…]}: hands out an authorization URL. */
final class ConnectServlet extends AuthenticatedServlet {
    private final transient ConnectFlow flow;

    ConnectServlet(ObjectMapper json, ApiKeys apiKeys, ConnectFlow flow) {
        super(json, apiKeys, "GET");
        this.flow = flow;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        if (!call.method().equals("GET")) {
            throw ApiProblem.methodNotAllowed(call.method(), "GET");
        }
        String profileText = call.requiredQuery("profileId");
        ProfileId profileId = ProfileId.parse(profileText)
                .orElseThrow(() -> ApiProblem.badParameter("profileId", "must be a profile id (prof_…)"));
        ConnectStart start = flow.start(workspace, profileId, call.query("redirectUrl"));
        if (start instanceof ConnectStart.Started started) {
            call.respond(
                    200,
                    new Views.ConnectView(
                            started.authUrl().toString(),
                            started.state(),
                            started.expiresAt().toString()));
        } else if (start instanceof ConnectStart.ProfileNotFound) {
            throw ApiError.PROFILE_NOT_FOUND.problem(profileId);
        } else {
            throw ApiError.REDIRECT_URL_NOT_ALLOWED.problem();
        }
    }
}
