package co.plugkit.internal.web;

import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.ManualConnect;
import co.plugkit.internal.engine.ManualConnect.Outcome;
import co.plugkit.provider.Platform;
import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /v1/accounts/connect}
 * {@code {"platform":"INSTAGRAM","profileId","externalId","username","displayName","accessToken","metadata"}}:
 * stores an account from a token the client already has. {@code username} and {@code displayName} are
 * accepted but Instagram's own answer wins.
 */
final class ManualConnectServlet extends AuthenticatedServlet {
    private static final int MAX_METADATA_CHARS = 8 * 1024;

    private final transient ManualConnect manualConnect;

    ManualConnectServlet(ObjectMapper json, ApiKeys apiKeys, ManualConnect manualConnect) {
        super(json, apiKeys, "POST");
        this.manualConnect = manualConnect;
    }

    @Override
    protected void handle(ApiCall call, WorkspaceId workspace) throws IOException {
        if (!call.method().equals("POST")) {
            throw ApiProblem.methodNotAllowed(call.method(), "POST");
        }
        JsonNode body = call.jsonBody();
        Platform platform = Platform.parse(ApiCall.textField(body, "platform", 20))
                .orElseThrow(() -> ApiProblem.badParameter("platform", "must be a platform name such as INSTAGRAM"));
        ProfileId profileId = ProfileId.parse(ApiCall.textField(body, "profileId", 64))
                .orElseThrow(() -> ApiProblem.badParameter("profileId", "must be a profile id (prof_…)"));
        String externalId = ApiCall.textField(body, "externalId", 64);
        // Instagram's ids are numbers; other platforms' ids are checked by their provider against the token.
        if (platform.equals(Platform.INSTAGRAM)
                ? !externalId.matches("[0-9]{1,32}")
                : !externalId.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw ApiProblem.badParameter(
                    "externalId", "must be the account's id at " + platform + " (Instagram: numeric)");
        }
        // Meta bounds no token; the store holds the sealed form of one this long.
        String tokenText = ApiCall.textField(body, "accessToken", 16_384);
        // It is sent as "Authorization: Bearer …": a line break or a character past ASCII cannot be, and the
        // HTTP client would throw (a 500) instead of asking Instagram. Instagram's tokens are plain ASCII.
        if (!tokenText.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiProblem.badParameter("accessToken", "must be printable ASCII without spaces, as Instagram's are");
        }
        Secret token = Secret.of(tokenText);
        Optional<String> metadata = metadata(body.get("metadata"));

        Outcome outcome = manualConnect.connect(
                workspace, new ManualConnect.Request(profileId, platform, externalId, token, metadata), call.actor());
        if (outcome instanceof Outcome.Connected connected) {
            call.respond(201, Views.account(connected.account()));
        } else if (outcome instanceof Outcome.PlatformNotSupported) {
            throw ApiProblem.badParameter("platform", platform + " is not a platform this server connects");
        } else if (outcome instanceof Outcome.ProfileNotFound) {
            throw ApiError.PROFILE_NOT_FOUND.problem(profileId);
        } else if (outcome instanceof Outcome.TokenRejected rejected) {
            throw ApiError.INVALID_ACCESS_TOKEN.problem(rejected.message());
        } else if (outcome instanceof Outcome.NotProfessional) {
            throw ApiError.NOT_PROFESSIONAL_ACCOUNT.problem();
        } else {
            throw ApiError.INSTAGRAM_UNAVAILABLE.problem("Instagram could not be reached to check the token");
        }
    }

    private Optional<String> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw ApiProblem.badParameter("metadata", "must be a JSON object");
        }
        String text = node.toString();
        if (text.length() > MAX_METADATA_CHARS) {
            throw ApiProblem.badParameter("metadata", "must be at most " + MAX_METADATA_CHARS + " characters as JSON");
        }
        return Optional.of(text);
    }
}
