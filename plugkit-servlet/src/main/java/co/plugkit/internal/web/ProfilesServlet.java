package co.plugkit.internal.web;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.Profiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** {@code /v1/profiles}: create, list (cursor pages), get one. */
final class ProfilesServlet extends AuthenticatedServlet {
    private final transient Profiles profiles;

    ProfilesServlet(ObjectMapper json, ApiKeys apiKeys, Profiles profiles) {
        super(json, apiKeys, "GET", "POST");
        this.profiles = profiles;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        Optional<String> id = call.pathId();
        switch (call.method()) {
            case "POST" -> {
                if (id.isPresent()) {
                    throw ApiProblem.methodNotAllowed("POST", "GET");
                }
                String name = ApiCall.textField(call.jsonBody(), "name", 200);
                call.respond(201, Views.profile(profiles.create(workspace, name)));
            }
            case "GET" -> {
                if (id.isPresent()) {
                    call.respond(
                            200,
                            Views.profile(id.flatMap(ProfileId::parse)
                                    .flatMap(p -> profiles.find(workspace, p))
                                    .orElseThrow(() -> ApiError.PROFILE_NOT_FOUND.problem(Safe.id(id.get())))));
                } else {
                    call.respond(
                            200,
                            Views.page(
                                    profiles.list(workspace, Paging.limit(call), Paging.cursor(call, "profiles")),
                                    Views::profile,
                                    "profiles"));
                }
            }
            default ->
                throw id.isPresent()
                        ? ApiProblem.methodNotAllowed(call.method(), "GET")
                        : ApiProblem.methodNotAllowed(call.method(), "GET", "POST");
        }
    }
}
