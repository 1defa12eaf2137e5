package co.plugkit.internal.web;

import co.plugkit.model.Account;
import co.plugkit.model.ApiKey;
import co.plugkit.model.NewApiKey;
import co.plugkit.model.Page;
import co.plugkit.model.Profile;
import co.plugkit.model.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The JSON shapes of the API (design.md §1), built from domain values. No token ever gets here. */
final class Views {
    private Views() {}

    record ErrorBody(ErrorDetail error) {}

    record ErrorDetail(String code, String message, String requestId) {}

    record ListBody<T>(List<T> data, String nextCursor) {}

    record WorkspaceView(String id, String name, String createdAt) {}

    record ProfileView(String id, String name, String createdAt) {}

    record ApiKeyView(String id, String name, String prefix, String createdAt, String lastUsedAt, String expiresAt) {}

    record NewApiKeyView(
            String id, String name, String prefix, String createdAt, String lastUsedAt, String expiresAt, String key) {}

    record AccountView(
            String id,
            String platform,
            String profileId,
            String externalId,
            String username,
            String displayName,
            String accountType,
            String profilePictureUrl,
            List<String> scopes,
            String status,
            String statusReason,
            String tokenExpiresAt,
            String lastRefreshedAt,
            String connectedAt,
            String updatedAt,
            com.fasterxml.jackson.databind.JsonNode metadata,
            String webhooks) {}

    record ConnectView(String authUrl, String state, String sessionId, String expiresAt) {}

    record HealthView(String status, String database) {}

    /** Meta's answer to a data deletion request: snake_case, as Meta documents it. */
    record DeletionRequestedView(
            String url,

            @com.fasterxml.jackson.annotation.JsonProperty("confirmation_code")
            String confirmationCode) {}

    record DeletionStatusView(String confirmationCode, String status, String requestedAt, int accountsDeleted) {}

    record NewWorkspaceView(WorkspaceView workspace, String apiKey) {}

    record EncryptionView(String primaryKeyId, long rowsOnOldKeys) {}

    static ErrorBody error(String code, String message, String requestId) {
        return new ErrorBody(new ErrorDetail(code, message, requestId));
    }

    /** One page of the named list; its next cursor is valid for that list only. */
    static <T, V> ListBody<V> page(Page<T> page, Function<T, V> view, String list) {
        return new ListBody<>(
                page.items().stream().map(view).toList(),
                page.next().map(c -> CursorCodec.encode(list, c)).orElse(null));
    }

    static WorkspaceView workspace(Workspace w) {
        return new WorkspaceView(w.id().value(), w.name(), text(w.createdAt()));
    }

    static ProfileView profile(Profile p) {
        return new ProfileView(p.id().value(), p.name(), text(p.createdAt()));
    }

    static ApiKeyView apiKey(ApiKey k) {
        return new ApiKeyView(
                k.id().value(), k.name(), k.prefix(), text(k.createdAt()), text(k.lastUsedAt()), text(k.expiresAt()));
    }

    /** The one response that carries a key's plaintext: the answer to its creation. */
    static NewApiKeyView newApiKey(NewApiKey created) {
        ApiKey k = created.key();
        return new NewApiKeyView(
                k.id().value(),
                k.name(),
                k.prefix(),
                text(k.createdAt()),
                null,
                text(k.expiresAt()),
                created.secret().reveal());
    }

    static AccountView account(Account a) {
        return new AccountView(
                a.id().value(),
                a.platform().name(),
                a.profileId().value(),
                a.externalId(),
                a.username(),
                a.displayName().orElse(null),
                a.accountType(),
                a.profilePictureUrl().orElse(null),
                a.scopes(),
                a.status().apiName(),
                a.statusReason().orElse(null),
                text(a.tokenExpiresAt()),
                text(a.lastRefreshedAt()),
                text(a.connectedAt()),
                text(a.updatedAt()),
                a.metadata().map(Views::parseStoredJson).orElse(null),
                a.webhooks().map(w -> w.apiName()).orElse(null));
    }

    /** Metadata is stored as the JSON text PlugKit itself wrote after validating it. */
    private static com.fasterxml.jackson.databind.JsonNode parseStoredJson(String text) {
        try {
            return STORED_JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored account metadata is not JSON", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper STORED_JSON = Json.newMapper();

    private static String text(Instant instant) {
        return instant.toString();
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
