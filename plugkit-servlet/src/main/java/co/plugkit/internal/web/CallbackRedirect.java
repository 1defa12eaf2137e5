package co.plugkit.internal.web;

import co.plugkit.internal.engine.CallbackOutcome;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the 303 target for a client's redirectUrl: its own query, plus the outcome's parameters. */
final class CallbackRedirect {
    private CallbackRedirect() {}

    static URI location(URI redirectUrl, CallbackOutcome outcome) {
        StringBuilder query = new StringBuilder();
        if (outcome instanceof CallbackOutcome.Connected connected) {
            add(query, "status", "connected");
            add(query, "accountId", connected.account().id().value());
            add(query, "profileId", connected.account().profileId().value());
        } else if (outcome instanceof CallbackOutcome.Failed failed) {
            add(query, "status", "error");
            add(query, "error", failed.error().code());
            failed.profileId().ifPresent(p -> add(query, "profileId", p.value()));
        }
        String base = redirectUrl.toString();
        String separator = redirectUrl.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + query);
    }

    private static void add(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
