package co.plugkit.web;

import co.plugkit.engine.Accounts;
import co.plugkit.engine.ApiKeys;
import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** {@code /v1/accounts}: list (optionally of one profile, in cursor pages), get one, disconnect. */
final class AccountsServlet extends AuthenticatedServlet {
    private final transient Accounts accounts;

    AccountsServlet(ObjectMapper json, ApiKeys apiKeys, Accounts accounts) {
        super(json, apiKeys);
        this.accounts = accounts;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        Optional<String> id = call.pathId();
        switch (call.method()) {
            case "GET" -> {
                if (id.isPresent()) {
                    call.respond(200, Views.account(id.flatMap(AccountId::parse)
                            .flatMap(a -> accounts.find(workspace, a))
                            .orElseThrow(() -> notFound(id.get()))));
                } else {
                    Optional<ProfileId> profileId = call.query("profileId").map(p -> ProfileId.parse(p)
                            .orElseThrow(() -> ApiProblem.badParameter("profileId", "must be a profile id (prof_…)")));
                    call.respond(200, Views.page(accounts.list(workspace, profileId, Paging.limit(call),
                            Paging.cursor(call)), Views::account));
                }
            }
            case "DELETE" -> {
                if (id.isEmpty()) {
                    throw ApiProblem.methodNotAllowed("DELETE");
                }
                AccountId accountId = AccountId.parse(id.get()).orElseThrow(() -> notFound(id.get()));
                if (!accounts.disconnect(workspace, accountId)) {
                    throw notFound(id.get());
                }
                call.noContent();
            }
            default -> throw ApiProblem.methodNotAllowed(call.method());
        }
    }

    private static ApiProblem notFound(String id) {
        return ApiProblem.notFound("account_not_found", "No account " + Safe.id(id) + " in this workspace");
    }
}
