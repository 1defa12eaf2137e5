package co.plugkit.internal.web;

import co.plugkit.internal.engine.CallbackOutcome;
import co.plugkit.internal.engine.ConnectError;
import co.plugkit.model.Account;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the result page shows and tells the opener: the part of a callback's outcome that may travel in a
 * URL (ids, a username, an error code; never a token or a code). Its {@link #message()} is both the
 * {@code postMessage} data and the payload of the signed result ticket.
 */
sealed interface CallbackResult {

    record Connected(String accountId, String profileId, String username) implements CallbackResult {}

    record Failed(ConnectError error, Optional<String> profileId) implements CallbackResult {}

    static CallbackResult of(CallbackOutcome outcome) {
        if (outcome instanceof CallbackOutcome.Connected connected) {
            Account account = connected.account();
            return new Connected(account.id().value(), account.profileId().value(), account.username());
        }
        CallbackOutcome.Failed failed = (CallbackOutcome.Failed) outcome;
        return new Failed(failed.error(), failed.profileId().map(p -> p.value()));
    }

    /** The message for the opener: {@code plugkit:connected} or {@code plugkit:error}, with its fields. */
    default Map<String, Object> message() {
        Map<String, Object> message = new LinkedHashMap<>();
        if (this instanceof Connected c) {
            message.put("type", "plugkit:connected");
            message.put("accountId", c.accountId());
            message.put("profileId", c.profileId());
            message.put("username", c.username());
        } else {
            Failed f = (Failed) this;
            message.put("type", "plugkit:error");
            message.put("error", f.error().code());
            f.profileId().ifPresent(p -> message.put("profileId", p));
        }
        return message;
    }

    /** Reads a {@link #message()} back; empty if it is not one. */
    static Optional<CallbackResult> fromMessage(JsonNode message) {
        String type = message.path("type").asText("");
        if (type.equals("plugkit:connected")) {
            return Optional.of(new Connected(
                    message.path("accountId").asText(),
                    message.path("profileId").asText(),
                    message.path("username").asText()));
        }
        if (type.equals("plugkit:error")) {
            Optional<String> profileId =
                    Optional.ofNullable(message.get("profileId")).map(JsonNode::asText);
            return ConnectError.byCode(message.path("error").asText()).map(e -> new Failed(e, profileId));
        }
        return Optional.empty();
    }
}
