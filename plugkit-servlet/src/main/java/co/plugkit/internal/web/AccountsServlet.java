package co.plugkit.internal.web;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.Accounts;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.RefreshOutcome;
import co.plugkit.internal.engine.TokenRefresher;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** {@code /v1/accounts}: list (optionally of one profile, in cursor pages), get one, disconnect. */
final class AccountsServlet extends AuthenticatedServlet {
    private final transient Accounts accounts;
    private final transient TokenRefresher refresher;
    private final transient AccountUseRoutes use;

    AccountsServlet(
            ObjectMapper json, ApiKeys apiKeys, Accounts accounts, TokenRefresher refresher, AccountUseRoutes use) {
        super(json, apiKeys, "GET", "POST", "DELETE");
        this.accounts = accounts;
        this.refresher = refresher;
        this.use = use;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        List<String> path = call.pathSegments();
        if (AccountUseRoutes.handles(path)) {
            use.handle(call, workspace, path); // the Graph API proxy and the token export
            return;
        }
        if (path.size() == 2 && path.get(1).equals("refresh")) {
            if (!call.method().equals("POST")) {
                throw ApiProblem.methodNotAllowed(call.method(), "POST");
            }
            refresh(call, workspace, path.get(0));
            return;
        }
        Optional<String> id = call.pathId();
        switch (call.method()) {
            case "GET" -> {
                if (id.isPresent()) {
                    call.respond(
                            200,
                            Views.account(id.flatMap(AccountId::parse)
                                    .flatMap(a -> accounts.find(workspace, a))
                                    .orElseThrow(() -> notFound(id.get()))));
                } else {
                    Optional<ProfileId> profileId = call.query("profileId")
                            .map(p -> ProfileId.parse(p)
                                    .orElseThrow(() ->
                                            ApiProblem.badParameter("profileId", "must be a profile id (prof_…)")));
                    call.respond(
                            200,
                            Views.page(
                                    accounts.list(
                                            workspace, profileId, Paging.limit(call), Paging.cursor(call, "accounts")),
                                    Views::account,
                                    "accounts"));
                }
            }
            case "DELETE" -> {
                if (id.isEmpty()) {
                    throw ApiProblem.methodNotAllowed("DELETE", "GET");
                }
                AccountId accountId = AccountId.parse(id.get()).orElseThrow(() -> notFound(id.get()));
                if (!accounts.disconnect(workspace, accountId, call.actor())) {
                    throw notFound(id.get());
                }
                call.noContent();
            }
            default ->
                throw id.isPresent()
                        ? ApiProblem.methodNotAllowed(call.method(), "GET", "DELETE")
                        : ApiProblem.methodNotAllowed(call.method(), "GET");
        }
    }

    /** {@code POST /v1/accounts/{id}/refresh}: the refresher's outcome, as the account or a clear error. */
    private void refresh(ApiCall call, WorkspaceId workspace, String id) throws IOException {
        AccountId accountId = AccountId.parse(id).orElseThrow(() -> notFound(id));
        RefreshOutcome outcome = refresher.refreshNow(workspace, accountId);
        if (outcome instanceof RefreshOutcome.Refreshed r) {
            call.respond(200, Views.account(r.account()));
        } else if (outcome instanceof RefreshOutcome.NeedsReconnect r) {
            call.respond(200, Views.account(r.account()));
        } else if (outcome instanceof RefreshOutcome.Superseded r && r.account().isPresent()) {
            call.respond(200, Views.account(r.account().get()));
        } else if (outcome instanceof RefreshOutcome.NotAttempted r) {
            throw OutcomeErrors.of(r.reason()).problem();
        } else if (outcome instanceof RefreshOutcome.Deferred) {
            throw ApiError.INSTAGRAM_UNAVAILABLE.problem(
                    "Instagram could not refresh the token now; the old token stays and PlugKit retries later");
        } else {
            throw notFound(id);
        }
    }

    private static ApiProblem notFound(String id) {
        return ApiError.ACCOUNT_NOT_FOUND.problem(Safe.id(id));
    }
}
