package co.plugkit.sandbox;

import co.plugkit.sandbox.SandboxLedger.Code;
import co.plugkit.sandbox.SandboxLedger.Grant;
import co.plugkit.sandbox.SandboxLedger.Token;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's server-to-server endpoints: the code exchange (flat error envelope), and the Graph host's
 * token exchange, refresh, {@code /me} and revocation (Graph error envelope), as instagram-protocol.md
 * §4–§8 describe them.
 */
final class SandboxGraph {
    private final SandboxSettings settings;
    private final Clock clock;
    private final SandboxLedger ledger;

    private final SandboxMedia media;

    SandboxGraph(SandboxSettings settings, Clock clock, SandboxLedger ledger) {
        this.settings = settings;
        this.clock = clock;
        this.ledger = ledger;
        this.media = new SandboxMedia(clock, ledger);
    }

    /** Any other Graph path ({@code path} below the version): media, comments, messages, insights. */
    SandboxAnswer graph(SandboxCall call, List<String> path) {
        Optional<Token> found = call.accessToken().flatMap(ledger::token).filter(Token::longLived);
        if (found.isEmpty()) {
            return SandboxGraphErrors.cannotParse();
        }
        Optional<SandboxAnswer> invalid = SandboxGraphErrors.invalid(found.get(), clock.instant());
        return invalid.orElseGet(() ->
                media.answer(call, path, found.get().grant(), call.accessToken().get()));
    }

    SandboxAnswer exchangeCode(SandboxCall call) {
        if (!"POST".equals(call.method())) {
            return SandboxAnswer.flatError(
                    "Unsupported request - method type: " + SandboxGraphErrors.lower(call.method()));
        }
        if (call.contentType()
                .filter(ct ->
                        ct.startsWith("application/x-www-form-urlencoded") || ct.startsWith("multipart/form-data"))
                .isEmpty()) {
            return SandboxAnswer.flatError("Missing required field client_id");
        }
        if (!settings.clientId().equals(call.params().get("client_id"))
                || !settings.clientSecret().matches(call.params().get("client_secret"))) {
            return SandboxAnswer.flatError("Invalid platform app");
        }
        if (!"authorization_code".equals(call.params().get("grant_type"))) {
            return SandboxAnswer.flatError("Invalid grant_type: authorization_code is the only one supported");
        }
        String codeValue = call.param("code").orElse("");
        Optional<Code> peeked = ledger.peekCode(codeValue);
        if (peeked.isPresent() && peeked.get().grant().fault() == SandboxFault.SERVER_ERROR) {
            // An outage: the code is not used up, as Instagram would not have processed the request.
            return SandboxAnswer.graphError(
                    500,
                    "OAuthException",
                    2,
                    null,
                    "An unexpected error has occurred. Please retry your request later.",
                    true);
        }
        Optional<Code> redeemed = ledger.redeemCode(codeValue);
        if (redeemed.isEmpty()) {
            return SandboxAnswer.flatError("Matching code was not found or was already used");
        }
        Code code = redeemed.get();
        if (clock.instant().isAfter(code.expiresAt())) {
            return SandboxAnswer.flatError("This authorization code has expired");
        }
        Grant grant = code.grant();
        if (!grant.redirectUri().equals(call.params().get("redirect_uri"))) {
            return SandboxAnswer.flatError(
                    "Error validating verification code. Please make sure your redirect_uri is identical to the one"
                            + " you used in the OAuth dialog request");
        }
        Instant now = clock.instant();
        String token =
                ledger.issueToken(new Token(grant, false, now, now.plus(InstagramSandbox.SHORT_LIVED_LIFETIME), false));
        SandboxAnswer answer = SandboxAnswer.ok(codeExchangeBody(grant, token));
        return grant.fault() == SandboxFault.SLOW ? answer.delayedBy(settings.slowDelay()) : answer;
    }

    SandboxAnswer exchangeForLongLived(SandboxCall call) {
        if (!"GET".equals(call.method())) {
            return SandboxGraphErrors.unsupportedMethod(call);
        }
        if (!"ig_exchange_token".equals(call.params().get("grant_type"))) {
            return SandboxAnswer.graphError(
                    400, "OAuthException", 100, null, "Unsupported grant_type: use ig_exchange_token", false);
        }
        if (!settings.clientSecret().matches(call.params().get("client_secret"))) {
            return SandboxAnswer.graphError(400, "OAuthException", 101, null, "Error validating client secret.", false);
        }
        Optional<Token> shortLived = call.accessToken().flatMap(ledger::token).filter(t -> !t.longLived());
        if (shortLived.isEmpty()) {
            return SandboxGraphErrors.cannotParse();
        }
        Token t = shortLived.get();
        if (!clock.instant().isBefore(t.expiresAt())) {
            return SandboxGraphErrors.expired(t);
        }
        return issueLongLived(t.grant(), t.grant().fault() == SandboxFault.REVOKED_TOKEN);
    }

    SandboxAnswer refresh(SandboxCall call) {
        if (!"GET".equals(call.method())) {
            return SandboxGraphErrors.unsupportedMethod(call);
        }
        if (!"ig_refresh_token".equals(call.params().get("grant_type"))) {
            return SandboxAnswer.graphError(
                    400, "OAuthException", 100, null, "Unsupported grant_type: use ig_refresh_token", false);
        }
        Optional<String> value = call.accessToken();
        Optional<Token> found = value.flatMap(ledger::token).filter(Token::longLived);
        if (found.isEmpty()) {
            return SandboxGraphErrors.cannotParse();
        }
        Token t = found.get();
        Optional<SandboxAnswer> invalid = SandboxGraphErrors.invalid(t, clock.instant());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (!t.grant().scopes().contains("instagram_business_basic")) {
            return SandboxAnswer.graphError(
                    400,
                    "OAuthException",
                    10,
                    null,
                    "Refreshing a token requires the instagram_business_basic permission",
                    false);
        }
        Duration age = Duration.between(t.issuedAt(), clock.instant());
        if (age.compareTo(InstagramSandbox.REFRESH_MIN_AGE) < 0) {
            // Undocumented upstream (instagram-protocol.md §13.7); the sandbox refuses, so clients learn the rule.
            return SandboxAnswer.graphError(
                    400,
                    "OAuthException",
                    100,
                    null,
                    "The access token can be refreshed only once it is at least 24 hours old",
                    false);
        }
        ledger.forget(value.get());
        return issueLongLived(t.grant(), false);
    }

    SandboxAnswer me(SandboxCall call) {
        if (!"GET".equals(call.method())) {
            return SandboxGraphErrors.unsupportedMethod(call);
        }
        Optional<Token> found = call.accessToken().flatMap(ledger::token);
        if (found.isEmpty()) {
            return SandboxGraphErrors.cannotParse();
        }
        Optional<SandboxAnswer> invalid = SandboxGraphErrors.invalid(found.get(), clock.instant());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Map<String, Object> all = profileFields(found.get().grant().account());
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : call.param("fields").orElse("id").split(",")) {
            String f = field.strip();
            if (!all.containsKey(f)) {
                return SandboxAnswer.graphError(
                        400,
                        "OAuthException",
                        100,
                        null,
                        "Tried accessing nonexisting field (" + shorten(f) + ") on node type (User)",
                        false);
            }
            out.put(f, all.get(f));
        }
        out.putIfAbsent("id", all.get("id"));
        return SandboxAnswer.ok(out);
    }

    SandboxAnswer revokePermissions(SandboxCall call) {
        if (!"DELETE".equals(call.method())) {
            return SandboxGraphErrors.unsupportedMethod(call);
        }
        Optional<Token> found = call.accessToken().flatMap(ledger::token);
        if (found.isEmpty() || found.get().revoked()) {
            return SandboxGraphErrors.cannotParse();
        }
        ledger.revokeAllOf(found.get().grant().account().userId());
        return SandboxAnswer.ok(Map.of("success", true));
    }

    /** {@code POST /{version}/me/subscribed_apps}: accepted for a live token that names its fields. */
    SandboxAnswer subscribeApp(SandboxCall call) {
        if (!"POST".equals(call.method())) {
            return SandboxGraphErrors.unsupportedMethod(call);
        }
        Optional<Token> found = call.accessToken().flatMap(ledger::token);
        if (found.isEmpty() || found.get().revoked()) {
            return SandboxGraphErrors.cannotParse();
        }
        return SandboxAnswer.ok(Map.of("success", true));
    }

    private Map<String, Object> codeExchangeBody(Grant grant, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        if (grant.shape() == SandboxShape.FLAT) {
            // As observed: user_id a bare 17-digit number (beyond a double's precision), permissions an array.
            body.put("user_id", Long.parseLong(grant.account().appScopedId()));
            body.put("permissions", grant.scopes());
            return body;
        }
        body.put("user_id", grant.account().appScopedId());
        body.put("permissions", String.join(",", grant.scopes()));
        return Map.of("data", List.of(body));
    }

    private SandboxAnswer issueLongLived(Grant grant, boolean revoked) {
        Instant now = clock.instant();
        String token =
                ledger.issueToken(new Token(grant, true, now, now.plus(InstagramSandbox.LONG_LIVED_LIFETIME), revoked));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", InstagramSandbox.LONG_LIVED_LIFETIME.toSeconds());
        return SandboxAnswer.ok(body);
    }

    private Map<String, Object> profileFields(SandboxAccount account) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", account.appScopedId());
        all.put("user_id", account.userId());
        all.put("username", account.username());
        all.put("name", account.name());
        all.put("account_type", account.accountType());
        all.put("profile_picture_url", settings.baseUrl() + "/pictures/" + account.username() + ".svg");
        all.put("followers_count", 1200 + account.username().length() * 37);
        all.put("follows_count", 180);
        all.put("media_count", 42);
        return all;
    }

    private static String shorten(String text) {
        String plain = text.replaceAll("[^A-Za-z0-9_.]", "?");
        return plain.length() <= 40 ? plain : plain.substring(0, 40) + "…";
    }
}
