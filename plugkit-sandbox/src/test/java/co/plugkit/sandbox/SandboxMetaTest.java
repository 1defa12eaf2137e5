package co.plugkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.secret.Secret;
import co.plugkit.testing.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox playing Meta, on the engine alone: what it signs and sends, and how it judges the answer. */
class SandboxMetaTest {
    private static final Secret SECRET = Secret.of("sandbox-secret");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = MutableClock.startingNow();
    private final InstagramSandbox sandbox = new InstagramSandbox(
            new SandboxSettings(
                    "000000000000000",
                    SECRET,
                    URI.create("http://localhost:8080/v1/connect/instagram/callback"),
                    URI.create("http://localhost:8080/sandbox/instagram"),
                    Duration.ofMillis(10)),
            clock);
    private final List<String> sent = new ArrayList<>();
    private final List<URI> targets = new ArrayList<>();

    private SandboxMeta meta(int status, String body) {
        return new SandboxMeta(
                sandbox,
                URI.create("http://localhost:8080/base"),
                (url, form) -> {
                    targets.add(url);
                    sent.add(form);
                    return new CallbackTransport.Answer(status, body);
                },
                JSON,
                clock);
    }

    @Test
    void signsExactlyAsMetaDoesAndPostsToPlugKitsCallbackUrls() throws Exception {
        SandboxAccount acme = SandboxAccount.ALL.get(0);
        CallbackReport report =
                meta(200, "{\"success\":true}").send(SandboxCallback.DEAUTHORIZE, acme, SandboxUserId.PROFESSIONAL);

        assertThat(targets).containsExactly(URI.create("http://localhost:8080/base/v1/connect/instagram/deauthorize"));
        assertThat(sent.get(0)).startsWith("signed_request=");
        String signed = URLDecoder.decode(sent.get(0).substring("signed_request=".length()), StandardCharsets.UTF_8);
        assertThat(signed).doesNotContain("=").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(SignedRequest.verify(signed, SECRET, JSON)).isEqualTo(new SignedRequest.Result.Valid(acme.userId()));
        assertThat(SignedRequest.verify(signed, Secret.of("another"), JSON))
                .isEqualTo(new SignedRequest.Result.Invalid("bad_signature"));
        var payload = JSON.readTree(report.payloadJson());
        assertThat(payload.get("algorithm").asText()).isEqualTo("HMAC-SHA256");
        assertThat(payload.get("issued_at").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(payload.get("user_id").asText()).isEqualTo(acme.userId());
        assertThat(report.delivery()).isEqualTo(new CallbackReport.Acknowledged(200));
        assertThat(report.toString()).doesNotContain(signed);
    }

    @Test
    void judgesTheDataDeletionAnswerAsMetaWould() {
        SandboxAccount luna = SandboxAccount.ALL.get(1);
        CallbackReport ok = meta(
                        200,
                        "{\"url\":\"http://localhost:8080/base/v1/connect/instagram/data-deletion/abc123\","
                                + "\"confirmation_code\":\"abc123\"}")
                .send(SandboxCallback.DATA_DELETION, luna, SandboxUserId.APP_SCOPED);
        assertThat(targets.get(0).toString()).endsWith("/v1/connect/instagram/data-deletion");
        assertThat(ok.payloadJson()).contains("\"user_id\":\"" + luna.appScopedId() + "\"");
        assertThat(ok.delivery()).isInstanceOf(CallbackReport.DeletionConfirmed.class);
        assertThat(((CallbackReport.DeletionConfirmed) ok.delivery()).confirmationCode())
                .isEqualTo("abc123");
        assertThat(ok.delivery().toString()).doesNotContain("abc123");

        assertThat(meta(200, "{\"url\":\"javascript:alert(1)\",\"confirmation_code\":\"abc\"}")
                        .send(SandboxCallback.DATA_DELETION, luna, SandboxUserId.PROFESSIONAL)
                        .delivery())
                .isInstanceOf(CallbackReport.Unexpected.class);
        assertThat(meta(200, "{\"url\":\"https://x.test/s\",\"confirmation_code\":\"a-b\"}")
                        .send(SandboxCallback.DATA_DELETION, luna, SandboxUserId.PROFESSIONAL)
                        .delivery())
                .isInstanceOf(CallbackReport.Unexpected.class);
        assertThat(meta(403, "{\"error\":{\"code\":\"invalid_signature\",\"message\":\"no\"}}")
                        .send(SandboxCallback.DATA_DELETION, luna, SandboxUserId.PROFESSIONAL)
                        .delivery())
                .isEqualTo(new CallbackReport.Refused(403, "invalid_signature", "no"));
        assertThat(meta(502, "<html>")
                        .send(SandboxCallback.DEAUTHORIZE, luna, SandboxUserId.PROFESSIONAL)
                        .delivery()
                        .succeeded())
                .isFalse();
    }

    @Test
    void anUnreachablePlugKitIsReportedWithoutDetails() {
        SandboxMeta meta = new SandboxMeta(
                sandbox,
                URI.create("http://localhost:8080"),
                (url, form) -> {
                    throw new ConnectException("Connection refused to " + form);
                },
                JSON,
                clock);
        CallbackReport report =
                meta.send(SandboxCallback.DEAUTHORIZE, SandboxAccount.ALL.get(2), SandboxUserId.PROFESSIONAL);
        assertThat(report.delivery()).isInstanceOf(CallbackReport.Unreachable.class);
        assertThat(((CallbackReport.Unreachable) report.delivery()).reason())
                .contains("ConnectException")
                .doesNotContain("signed_request");
    }

    @Test
    void removingTheAppRevokesTheAccountsSandboxTokens() throws IOException {
        SandboxAccount acme = SandboxAccount.ALL.get(0);
        assertThat(sandbox.hasAccess(acme)).isFalse();
        // A grant through the sandbox's own flow: approve, exchange, long-lived.
        var consent = (Authorization.Consent) sandbox.check(new java.util.HashMap<>(java.util.Map.of(
                "client_id",
                "000000000000000",
                "redirect_uri",
                "http://localhost:8080/v1/connect/instagram/callback",
                "response_type",
                "code",
                "scope",
                "instagram_business_basic")));
        String query = sandbox.approve(consent.request(), acme).getRawQuery();
        String code = URLDecoder.decode(query.replaceAll(".*code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        SandboxAnswer shortLived = sandbox.exchangeCode(new SandboxCall(
                "POST",
                java.util.Optional.of("application/x-www-form-urlencoded"),
                java.util.Map.of(
                        "client_id",
                        "000000000000000",
                        "client_secret",
                        "sandbox-secret",
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        "http://localhost:8080/v1/connect/instagram/callback"),
                java.util.Optional.empty()));
        String token = String.valueOf(shortLived.body().get("access_token"));
        SandboxAnswer longLived = sandbox.exchangeForLongLived(new SandboxCall(
                "GET",
                java.util.Optional.empty(),
                java.util.Map.of(
                        "grant_type", "ig_exchange_token", "client_secret", "sandbox-secret", "access_token", token),
                java.util.Optional.empty()));
        assertThat(longLived.status()).isEqualTo(200);
        assertThat(sandbox.hasAccess(acme)).isTrue();

        meta(200, "{}").send(SandboxCallback.DEAUTHORIZE, acme, SandboxUserId.PROFESSIONAL);
        assertThat(sandbox.hasAccess(acme)).isFalse();
        SandboxAnswer me = sandbox.me(new SandboxCall(
                "GET",
                java.util.Optional.empty(),
                java.util.Map.of(
                        "access_token", String.valueOf(longLived.body().get("access_token")), "fields", "user_id"),
                java.util.Optional.empty()));
        assertThat(me.status()).isEqualTo(400);
    }
}
