package co.plugkit.internal.instagram;

import co.plugkit.internal.text.LogText;
import co.plugkit.provider.ProviderError;
import co.plugkit.provider.ProviderException.Kind;
import co.plugkit.secret.Secret;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Instagram's answers, which are not standard OAuth: the code exchange comes flat or wrapped in
 * {@code data[]}, {@code user_id} may be a 17-digit JSON number or a string, {@code permissions} a
 * string, an array or absent, and errors come in two envelopes. Everything is normalised here, so the
 * rest of PlugKit sees one shape.
 */
final class InstagramResponses {
    /** Graph error codes that mean "try again later" rather than "no". */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2, 4, 17, 32, 613, 80002);

    /** Longer tokens are refused as unusable; PlugKit's storage holds the sealed form of this many. */
    static final int MAX_TOKEN_CHARS = 16_384;

    /**
     * The longest {@code expires_in} taken at its word: Instagram documents 60 days; anything past this is
     * not a lifetime but a glitch, and the token is treated as of unknown expiry (refreshed once a day old).
     */
    static final Duration MAX_EXPIRES_IN = Duration.ofDays(90);

    /** Instagram's ids are decimal numbers of about 17 digits. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\\d{1,30}");

    /** Bounds of the profile's text, as PlugKit stores it (usernames are at most 30 characters on Instagram). */
    private static final int MAX_USERNAME = 100;

    private static final int MAX_NAME = 300;
    private static final int MAX_ACCOUNT_TYPE = 30;
    private static final int MAX_PICTURE_URL = 2048;

    private final ObjectMapper json;

    InstagramResponses(ObjectMapper json) {
        this.json = json;
    }

    ShortLivedToken codeExchange(HTTPResponse response) throws InstagramException {
        JsonNode body = unwrapData(successBody("code exchange", response));
        Secret token = requiredSecret("code exchange", body, "access_token");
        String userId = text(body.get("user_id")).orElseThrow(() -> malformed("code exchange", "no user_id"));
        return new ShortLivedToken(token, userId, permissions(body.get("permissions")));
    }

    LongLivedToken longLived(HTTPResponse response) throws InstagramException {
        return longLived("long-lived token exchange", response);
    }

    /** The token refresh answers in the same shape as the long-lived exchange. */
    LongLivedToken refreshed(HTTPResponse response) throws InstagramException {
        return longLived("token refresh", response);
    }

    private LongLivedToken longLived(String call, HTTPResponse response) throws InstagramException {
        JsonNode body = unwrapData(successBody(call, response));
        Secret token = requiredSecret(call, body, "access_token");
        long seconds = text(body.get("expires_in"))
                .filter(s -> s.matches("\\d{1,18}"))
                .map(Long::parseLong)
                .filter(s -> s > 0)
                .orElseThrow(() -> malformed(call, "no valid expires_in"));
        Duration lifetime = Duration.ofSeconds(seconds);
        return new LongLivedToken(
                token, lifetime.compareTo(MAX_EXPIRES_IN) <= 0 ? Optional.of(lifetime) : Optional.empty());
    }

    InstagramProfile profile(HTTPResponse response) throws InstagramException {
        JsonNode body = unwrapData(successBody("profile request", response));
        String call = "profile request";
        Optional<String> appScopedId = text(body.get("id"));
        if (appScopedId.isPresent() && !ID.matcher(appScopedId.get()).matches()) {
            throw malformed(call, "id is not an Instagram id");
        }
        // user_id is the professional account id; a few accounts have been seen without it, where id serves.
        String userId =
                text(body.get("user_id")).or(() -> appScopedId).orElseThrow(() -> malformed(call, "no user_id"));
        if (!ID.matcher(userId).matches()) {
            throw malformed(call, "user_id is not an Instagram id");
        }
        // A username or account type out of bounds is not one Instagram gives: refused rather than cut,
        // since a cut username names another account. The display name is only text, so it is shortened.
        String username = text(body.get("username"))
                .filter(u -> u.length() <= MAX_USERNAME && !hasControlCharacters(u))
                .orElseThrow(() -> malformed(call, "no usable username"));
        String accountType = text(body.get("account_type"))
                .filter(t -> t.length() <= MAX_ACCOUNT_TYPE)
                .map(t -> t.toUpperCase(java.util.Locale.ROOT))
                .orElseThrow(() -> malformed(call, "no usable account_type"));
        return new InstagramProfile(
                userId,
                appScopedId,
                username,
                text(body.get("name")).map(n -> shorten(n, MAX_NAME)),
                accountType,
                // a picture address too long to be real is left out, not cut into a broken one
                text(body.get("profile_picture_url")).filter(u -> u.length() <= MAX_PICTURE_URL));
    }

    /** {@code {"success": true}}, or an error. */
    void subscription(HTTPResponse response) throws InstagramException {
        JsonNode body = successBody("webhook subscription", response);
        if (!body.path("success").asBoolean(false)) {
            throw new InstagramException(
                    co.plugkit.provider.ProviderException.Kind.MALFORMED,
                    "Instagram did not confirm the webhook subscription",
                    Optional.empty());
        }
    }

    void revocation(HTTPResponse response) throws InstagramException {
        successBody("permission revocation", response);
    }

    /** The JSON object of a 2xx answer; anything else becomes the matching {@link InstagramException}. */
    private JsonNode successBody(String call, HTTPResponse response) throws InstagramException {
        int status = response.getStatusCode();
        Optional<JsonNode> body = parseObject(response.getBody());
        Optional<ProviderError> error = body.flatMap(InstagramResponses::error);
        if (error.isPresent()) {
            ProviderError e = error.get();
            boolean transientError = TRANSIENT_CODES.contains(e.code())
                    || status >= 500
                    || body.get().path("error").path("is_transient").asBoolean(false);
            return fail(
                    transientError ? Kind.UNAVAILABLE : Kind.REJECTED,
                    "Instagram refused the " + call + " (HTTP " + status + ", " + e.type() + " " + e.code()
                            + e.subcode().map(s -> "/" + s).orElse("") + ")",
                    error);
        }
        if (status >= 500) {
            return fail(Kind.UNAVAILABLE, "Instagram answered HTTP " + status + " to the " + call, Optional.empty());
        }
        if (status < 200 || status > 299) {
            return fail(Kind.REJECTED, "Instagram answered HTTP " + status + " to the " + call, Optional.empty());
        }
        return body.orElseThrow(() -> malformed(call, "the body is not a JSON object"));
    }

    private Optional<JsonNode> parseObject(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Either envelope: Graph's {@code {"error":{…}}} or the code exchange's flat one. */
    static Optional<ProviderError> error(JsonNode body) {
        JsonNode graph = body.get("error");
        if (graph != null && graph.isObject()) {
            return Optional.of(new ProviderError(
                    loggable(text(graph.get("type")).orElse("unknown"), 64),
                    graph.path("code").asInt(0),
                    graph.hasNonNull("error_subcode")
                            ? Optional.of(graph.get("error_subcode").asInt())
                            : Optional.empty(),
                    loggable(text(graph.get("message")).orElse(""), 500)));
        }
        if (body.hasNonNull("error_type") || body.hasNonNull("error_message")) {
            return Optional.of(new ProviderError(
                    loggable(text(body.get("error_type")).orElse("unknown"), 64),
                    body.path("code").asInt(0),
                    Optional.empty(),
                    loggable(text(body.get("error_message")).orElse(""), 500)));
        }
        return Optional.empty();
    }

    /** The documented shape wraps the result in {@code data[0]}; production answers are flat. Accept both. */
    private static JsonNode unwrapData(JsonNode body) {
        JsonNode data = body.get("data");
        if (data != null && data.isArray() && !data.isEmpty() && data.get(0).isObject()) {
            return data.get(0);
        }
        return body;
    }

    private static Optional<List<String>> permissions(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        List<String> scopes = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> text(item).ifPresent(scopes::add));
        } else if (node.isTextual()) {
            for (String s : node.asText().split("[,\\s]+")) {
                if (!s.isBlank()) {
                    scopes.add(s);
                }
            }
        }
        return Optional.of(List.copyOf(scopes));
    }

    /** A field as text: strings as they are, integers digit for digit (never through a double). */
    static Optional<String> text(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText());
        }
        if (node.isIntegralNumber()) {
            return Optional.of(node.bigIntegerValue().toString());
        }
        return Optional.empty();
    }

    private static Secret requiredSecret(String call, JsonNode body, String field) throws InstagramException {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw malformed(call, "no " + field);
        }
        if (node.asText().length() > MAX_TOKEN_CHARS) {
            throw malformed(call, field + " longer than " + MAX_TOKEN_CHARS + " characters");
        }
        return Secret.of(node.asText());
    }

    /** Error text goes into exception messages and log lines: no line breaks, bounded. */
    private static String loggable(String text, int max) {
        return LogText.clean(text, max);
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** At most {@code max} characters, never splitting a surrogate pair. */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static InstagramException malformed(String call, String what) {
        return new InstagramException(
                Kind.MALFORMED, "Instagram's answer to the " + call + " is unusable: " + what, Optional.empty());
    }

    private static <T> T fail(Kind kind, String message, Optional<ProviderError> error) throws InstagramException {
        throw new InstagramException(kind, message, error);
    }
}
