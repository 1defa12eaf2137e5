package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.CapturedLogs;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.RawRequests;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The callback as an attacker or a clumsy crawler meets it (audit findings 1, 4, 11 and 13): a failure
 * inside never becomes the container's error page, HEAD changes nothing, a visitor cannot forge log lines,
 * and the address a person ends on holds neither the code nor the state.
 */
class CallbackHardeningHttpTest {
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient client;
    private String profileId;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock);
        client = server.newWorkspaceClient("Acme Inc");
        profileId = client.createProfile("Jane");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    /** Finding 1: a statement the database refuses ends on PlugKit's page, not on one that shows the SQL. */
    @Test
    void aDatabaseErrorDuringTheCallbackShowsAPlainPageNeverTheStatement() throws Exception {
        try (Connection c = server.dataSource().getConnection()) {
            // Any statement failure will do; this one refuses exactly the account the stand-in approves next.
            c.createStatement()
                    .execute("ALTER TABLE plugkit_accounts ADD CONSTRAINT no_boom CHECK (username <> 'boom')");
        }
        instagram.approveAs(IgAccount.business("17841400000000777", "boom"));
        try (CapturedLogs logs = new CapturedLogs()) {
            Response page = client.connectThroughBrowser(profileId, Optional.empty());

            assertThat(page.status()).isEqualTo(500);
            assertThat(page.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body())
                    .contains("nothing was connected")
                    .contains("\"error\":\"internal_error\"")
                    .doesNotContain("plugkit_accounts")
                    .doesNotContain("INSERT")
                    .doesNotContain("eyJ");
            assertThat(logs.lines()).anyMatch(l -> l.contains("SQLState 23"));
            assertThat(logs.lines())
                    .as("the log names the failure, never the statement's values")
                    .noneMatch(l -> l.contains("eyJ") || l.contains("INSERT INTO"));
        }
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    /** Finding 11: a link scanner's HEAD neither consumes the state nor spends the code. */
    @Test
    void headOnTheCallbackChangesNothing() {
        Response connect = client.connect(profileId);
        URI callback = ApiClient.callbackUrl(
                ApiClient.browseOnce(URI.create(connect.json().get("authUrl").asText())));

        Response head = RawRequests.send(
                URI.create(callback.toString().replaceFirst("/v1/.*", "")),
                "HEAD",
                callback.getRawPath() + "?" + callback.getRawQuery(),
                null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Cache-Control")).contains("no-store");
        assertThat(instagram.calls(Endpoint.CODE_EXCHANGE)).isZero();

        Response page = ApiClient.browse(callback);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@acme is connected");
        assertThat(instagram.calls(Endpoint.CODE_EXCHANGE)).isEqualTo(1);
    }

    /** Finding 13: the used code and state leave the address bar (RFC 9700 §4.3) through a signed result page. */
    @Test
    void thePersonEndsOnAResultAddressWithoutCodeOrState() {
        Response connect = client.connect(profileId);
        URI callback = ApiClient.callbackUrl(
                ApiClient.browseOnce(URI.create(connect.json().get("authUrl").asText())));
        assertThat(callback.getRawQuery()).contains("code=").contains("state=");

        Response answer = ApiClient.browseOnce(callback);
        assertThat(answer.status()).isEqualTo(303);
        String location = answer.header("Location").orElseThrow();
        assertThat(location)
                .startsWith(server.baseUrl() + "/v1/connect/instagram/callback?result=")
                .doesNotContain("code=")
                .doesNotContain("state=");
        assertThat(answer.header("Referrer-Policy")).contains("no-referrer");

        Response page = ApiClient.browseOnce(URI.create(location));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@acme is connected").contains("\"type\":\"plugkit:connected\"");
        assertThat(page.header("Cache-Control")).contains("no-store");

        // A reload shortly after still shows the result; a day later the link says it has expired.
        assertThat(ApiClient.browseOnce(URI.create(location)).body()).contains("@acme is connected");
        clock.advance(Duration.ofDays(1));
        Response stale = ApiClient.browseOnce(URI.create(location));
        assertThat(stale.status()).isEqualTo(410);
        assertThat(stale.body()).doesNotContain("@acme");
    }

    /** The result ticket is signed: editing it (to show another username, say) gets the expired page. */
    @Test
    void aForgedOrEditedResultShowsNothing() {
        Response page = client.connectThroughBrowser(profileId, Optional.empty());
        assertThat(page.status()).isEqualTo(200);
        String base = server.baseUrl() + "/v1/connect/instagram/callback?result=";
        String forgedBody = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("99999999999.{\"type\":\"plugkit:connected\",\"accountId\":\"acc_x\","
                                + "\"profileId\":\"prof_x\",\"username\":\"evil\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String ticket : new String[] {forgedBody + ".AAAA", forgedBody, "%%%", "a.b.c"}) {
            Response r = ApiClient.browseOnce(URI.create(base + ApiClient.encode(ticket)));
            assertThat(r.status()).as(ticket).isEqualTo(410);
            assertThat(r.body()).doesNotContain("evil");
        }
    }

    /** Finding 4: CR/LF in the parameters a visitor controls are escaped, so no log line can be forged. */
    @Test
    void aVisitorCannotForgeLogLines() {
        Response connect = client.connect(profileId);
        String state = connect.json().get("state").asText();
        String forged = "%0D%0A2026-12-01 04:00:00 INFO co.plugkit.Admin - admin logged in";
        try (CapturedLogs logs = new CapturedLogs()) {
            Response page = ApiClient.browse(URI.create(server.baseUrl() + "/v1/connect/instagram/callback?state="
                    + state + "&error=access_denied" + forged.replace(" ", "+") + "&error_reason=user_denied"
                    + forged.replace(" ", "+") + "&error_description=x" + forged.replace(" ", "+")));
            assertThat(page.status()).isEqualTo(400);
            assertThat(logs.messages()).anyMatch(m -> m.contains("admin logged in"));
            assertThat(logs.messages())
                    .as("every message stays on its line")
                    .noneMatch(m -> m.contains("\n") || m.contains("\r"));
        }
    }

    /** Issue 12: the popup's result goes to the opener's origin only, never to any window ("*"). */
    @Test
    void theResultIsPostedToTheOpenersOriginOnly() {
        Response page = client.connectThroughBrowser(profileId, Optional.empty());
        String origin = "http://127.0.0.1:" + server.baseUrl().getPort();
        assertThat(page.body())
                .contains("<script type=\"application/json\" id=\"plugkit-origin\">\"" + origin + "\"</script>")
                .contains("postMessage(data,origin)")
                .doesNotContain("'*'");
    }

    /**
     * Found by HttpFuzzTest: a callback whose query the container cannot decode (bytes that are not UTF-8,
     * or "%zz", on which Jetty throws) was logged as an unexpected failure with its stack and ended on the
     * 500 "went wrong on our side" page; it names no connect attempt, so it is an incomplete link.
     */
    @Test
    void aCallbackQueryThatCannotBeDecodedIsAnIncompleteLinkNotAnInternalError() {
        try (CapturedLogs logs = new CapturedLogs()) {
            Response page = ApiClient.browse(
                    URI.create(server.baseUrl() + "/v1/connect/instagram/callback?state=%ff%fe&code=abc"));
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains("This link is incomplete").doesNotContain("on our side");
            assertThat(logs.lines()).noneMatch(l -> l.contains("failed") && l.contains("Exception"));
        }
    }
}
