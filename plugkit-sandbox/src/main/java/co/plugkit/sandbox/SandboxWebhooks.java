package co.plugkit.sandbox;

import co.plugkit.internal.crypto.HubSignature;
import co.plugkit.sandbox.CallbackReport.Acknowledged;
import co.plugkit.sandbox.CallbackReport.Delivery;
import co.plugkit.sandbox.CallbackReport.Refused;
import co.plugkit.sandbox.CallbackReport.Unexpected;
import co.plugkit.sandbox.CallbackReport.Unreachable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The sandbox playing Meta's webhooks: for a connected sandbox account it builds the body Instagram would
 * send ({@link MetaWebhookPayloads}), signs the raw bytes as Meta does ({@code X-Hub-Signature-256:
 * sha256=<hex HMAC-SHA256>} keyed with the app secret, {@link HubSignature}) and posts them over the
 * {@link WebhookTransport} to PlugKit's real {@code POST /v1/webhooks/instagram}, so PlugKit's signature
 * check, storage and routing run. No servlet import; the page over it is {@code SandboxAppsServlet}.
 */
public final class SandboxWebhooks {
    private final InstagramSandbox sandbox;
    private final URI target;
    private final WebhookTransport transport;
    private final ObjectMapper json;
    private final Clock clock;

    /**
     * @param sandbox the sandbox whose accounts and app secret are used
     * @param publicUrl PlugKit's public URL; the webhooks go to it + {@link SandboxWebhook#PATH}
     * @param transport how the webhooks are delivered
     * @param json writes the bodies and reads PlugKit's answers
     * @param clock the bodies' times
     */
    public SandboxWebhooks(
            InstagramSandbox sandbox, URI publicUrl, WebhookTransport transport, ObjectMapper json, Clock clock) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.target = URI.create(Objects.requireNonNull(publicUrl, "publicUrl") + SandboxWebhook.PATH);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where PlugKit receives Instagram's webhooks. */
    public URI target() {
        return target;
    }

    /**
     * Sends {@code webhook} about {@code account}; empty, and nothing sent, when the app has no access to
     * the account (no live sandbox token): Meta sends webhooks only for accounts that use the app.
     */
    public Optional<WebhookReport> send(SandboxWebhook webhook, SandboxAccount account) {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(account, "account");
        if (!sandbox.hasAccess(account)) {
            return Optional.empty();
        }
        String body = MetaWebhookPayloads.of(webhook, account, clock.instant(), json);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = HubSignature.sign(sandbox.settings().clientSecret(), bytes);
        Delivery delivery;
        try {
            delivery = judge(transport.postJson(target, bytes, signature));
        } catch (IOException e) {
            // The exception's class only: its message could quote the URL.
            delivery = new Unreachable("PlugKit did not answer at its public URL ("
                    + e.getClass().getSimpleName() + "); the server must be able to reach its own public URL");
        }
        return Optional.of(new WebhookReport(webhook, account, target, body, delivery));
    }

    /** Meta counts any 2xx as delivered; anything else it would send again. */
    private Delivery judge(CallbackTransport.Answer answer) {
        int status = answer.status();
        if (status >= 200 && status <= 299) {
            return new Acknowledged(status);
        }
        JsonNode error = parse(answer.body()).path("error");
        return error.isObject()
                ? new Refused(
                        status,
                        error.path("code").asText(""),
                        error.path("message").asText(""))
                : new Unexpected(status, "an error without PlugKit's error body");
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node == null ? json.missingNode() : node;
        } catch (JsonProcessingException e) {
            return json.missingNode();
        }
    }
}
