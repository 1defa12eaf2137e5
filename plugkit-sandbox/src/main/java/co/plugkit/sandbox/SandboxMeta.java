package co.plugkit.sandbox;

import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.sandbox.CallbackReport.Acknowledged;
import co.plugkit.sandbox.CallbackReport.DeletionConfirmed;
import co.plugkit.sandbox.CallbackReport.Delivery;
import co.plugkit.sandbox.CallbackReport.Refused;
import co.plugkit.sandbox.CallbackReport.Unexpected;
import co.plugkit.sandbox.CallbackReport.Unreachable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sandbox playing Meta's side of the platform callbacks: when a person removes the app or asks for
 * their data to be deleted, Meta signs a {@code signed_request} with the app secret and posts it to the
 * app's callback URLs. This engine does the same for a sandbox account — it revokes the account's sandbox
 * tokens, signs the payload exactly as Meta does ({@link SignedRequest#sign}), and posts it over the
 * {@link CallbackTransport} to PlugKit's real callback URLs, so PlugKit's real verification and storage
 * run. No servlet import; the page over it is {@code SandboxAppsServlet}.
 */
public final class SandboxMeta {
    private final InstagramSandbox sandbox;
    private final URI publicUrl;
    private final CallbackTransport transport;
    private final ObjectMapper json;
    private final Clock clock;

    /**
     * @param sandbox the sandbox whose accounts and app secret are used
     * @param publicUrl PlugKit's public URL; the callbacks go to it + {@link SandboxCallback#path()}
     * @param transport how the callbacks are delivered
     * @param json reads PlugKit's answers and writes the payloads
     * @param clock the payload's {@code issued_at}
     */
    public SandboxMeta(
            InstagramSandbox sandbox, URI publicUrl, CallbackTransport transport, ObjectMapper json, Clock clock) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A sandbox account and whether the app can still use it (the account holds a live sandbox token). */
    public record AppAccess(SandboxAccount account, boolean granted) {}

    /** Every sandbox account, with its access state. */
    public List<AppAccess> accounts() {
        return SandboxAccount.ALL.stream()
                .map(a -> new AppAccess(a, sandbox.hasAccess(a)))
                .toList();
    }

    /** Where PlugKit receives {@code callback}. */
    public URI target(SandboxCallback callback) {
        return URI.create(publicUrl + callback.path());
    }

    /**
     * The person behind {@code account} removes the app ({@link SandboxCallback#DEAUTHORIZE}) or asks for
     * their data to be deleted ({@link SandboxCallback#DATA_DELETION}, which Meta offers once the app is
     * removed): the account's sandbox tokens are revoked, then the signed callback is posted to PlugKit.
     */
    public CallbackReport send(SandboxCallback callback, SandboxAccount account, SandboxUserId userId) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(userId, "userId");
        sandbox.removeApp(account);
        String payload = payload(userId.of(account));
        String signedRequest = SignedRequest.sign(sandbox.settings().clientSecret(), payload);
        URI target = target(callback);
        Delivery delivery;
        try {
            CallbackTransport.Answer answer = transport.postForm(
                    target, "signed_request=" + URLEncoder.encode(signedRequest, StandardCharsets.UTF_8));
            delivery = judge(callback, answer);
        } catch (IOException e) {
            // The exception's class only: its message could quote the URL or a part of the request.
            delivery = new Unreachable("PlugKit did not answer at its public URL ("
                    + e.getClass().getSimpleName() + "); the server must be able to reach its own public URL");
        }
        return new CallbackReport(callback, account, target, payload, delivery);
    }

    /** Meta's payload: the algorithm, when it was issued, and the user. */
    private String payload(String userId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("algorithm", "HMAC-SHA256");
        payload.put("issued_at", clock.instant().getEpochSecond());
        payload.put("user_id", userId);
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }

    /** Judges PlugKit's answer as Meta would: a 2xx, and for data deletion a URL and an alphanumeric code. */
    private Delivery judge(SandboxCallback callback, CallbackTransport.Answer answer) {
        Optional<JsonNode> body = parse(answer.body());
        int status = answer.status();
        if (status < 200 || status > 299) {
            JsonNode error = body.map(b -> b.path("error")).orElse(null);
            if (error != null && error.isObject()) {
                return new Refused(
                        status,
                        error.path("code").asText(""),
                        error.path("message").asText(""));
            }
            return new Unexpected(status, "an error without PlugKit's error body");
        }
        if (callback == SandboxCallback.DEAUTHORIZE) {
            return new Acknowledged(status);
        }
        if (body.isEmpty()) {
            return new Unexpected(status, "the answer is not a JSON object");
        }
        String code = body.get().path("confirmation_code").asText("");
        String url = body.get().path("url").asText("");
        if (!code.matches("[A-Za-z0-9]{1,64}")) {
            return new Unexpected(status, "no alphanumeric confirmation_code");
        }
        Optional<URI> statusUrl = httpUrl(url);
        if (statusUrl.isEmpty()) {
            return new Unexpected(status, "no http(s) status url");
        }
        return new DeletionConfirmed(status, code, statusUrl.get());
    }

    private Optional<JsonNode> parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    ? Optional.of(uri)
                    : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
