package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.crypto.HubSignature;
import co.plugkit.model.Event;
import co.plugkit.model.EventType;
import co.plugkit.secret.Secret;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.Eventually;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meta's webhooks over real HTTP: the verification handshake; only a body signed with the app secret is
 * stored; one delivery becomes one event per account holding the entry's Instagram account, in every
 * workspace, however often Meta sends it.
 */
class InstagramWebhooksHttpTest {
    private static final String USER = "17841400000000001";
    private static final String VERIFY_TOKEN = "verify-me-7f3a";
    private static final Secret APP_SECRET = Secret.of(FakeInstagram.CLIENT_SECRET);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private FakeInstagram instagram;
    private PlugKitServer server;
    private JdbcDataSource h2;
    private String acmeAccount;
    private String globexAccount;

    @BeforeEach
    void start() {
        MutableClock clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        h2 = PlugKitServer.h2InMemory();
        server = PlugKitServer.start(
                instagram,
                clock,
                h2,
                "",
                b -> b.webhookVerifyToken(VERIFY_TOKEN),
                url -> List.of(),
                b -> b.listener(received::add));
        ApiClient acme = server.newWorkspaceClient("Acme");
        ApiClient globex = server.newWorkspaceClient("Globex");
        instagram.approveAs(IgAccount.business(USER, "shared"));
        acmeAccount = connect(acme, acme.createProfile("Jane"));
        globexAccount = connect(globex, globex.createProfile("Jim"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    private static String connect(ApiClient client, String profileId) {
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);
        return client.get("/v1/accounts").json().get("data").get(0).get("id").asText();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/webhooks/instagram?" + query))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(byte[] body, Optional<String> signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/webhooks/instagram"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signature.ifPresent(s -> request.header("X-Hub-Signature-256", s));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] dm(String text) {
        return ("{\"object\":\"instagram\",\"entry\":[{\"time\":1733050000000,\"id\":\"" + USER
                        + "\",\"messaging\":[{\"sender\":{\"id\":\"990001\"},\"recipient\":{\"id\":\"" + USER
                        + "\"},\"timestamp\":1733050000000,\"message\":{\"mid\":\"m_1\",\"text\":\"" + text
                        + "\\u00e9\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private int count(String sql) {
        try (var c = h2.getConnection();
                var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void metasVerificationHandshake() throws Exception {
        HttpResponse<String> ok = get("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + VERIFY_TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");

        assertThat(get("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=" + VERIFY_TOKEN)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN).statusCode())
                .isEqualTo(403);
    }

    @Test
    void oneSignedDeliveryFansOutToEveryWorkspaceOnceHoweverOftenItComes() throws Exception {
        byte[] body = dm("hello");
        String signature = HubSignature.sign(APP_SECRET, body);

        assertThat(post(body, Optional.of(signature)).statusCode()).isEqualTo(200);
        assertThat(post(body, Optional.of(signature)).statusCode()).isEqualTo(200); // Meta retries

        Eventually.until(
                Duration.ofSeconds(30),
                "two instagram.message events",
                () -> received.stream()
                                .filter(e -> e.type().equals(EventType.INSTAGRAM_MESSAGE))
                                .count()
                        == 2);
        List<Event> messages = received.stream()
                .filter(e -> e.type().equals(EventType.INSTAGRAM_MESSAGE))
                .toList();
        assertThat(messages)
                .extracting(e -> e.accountId().orElseThrow().value())
                .containsExactlyInAnyOrder(acmeAccount, globexAccount);
        assertThat(messages).extracting(Event::workspaceId).doesNotHaveDuplicates();
        JsonNode data = JSON.readTree(messages.get(0).data());
        assertThat(data.get("externalId").asText()).isEqualTo(USER);
        assertThat(data.get("entry")
                        .get("messaging")
                        .get(0)
                        .get("message")
                        .get("text")
                        .asText())
                .isEqualTo("helloé");
        assertThat(data.get("profileId").asText()).startsWith("prof_");
        Thread.sleep(500); // nothing more arrives
        assertThat(count("SELECT count(*) FROM plugkit_events WHERE type = 'instagram.message'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM plugkit_meta_webhooks")).isEqualTo(1);
    }

    @Test
    void forgedMissingAndTruncatedSignaturesChangeNothing() throws Exception {
        byte[] body = dm("forged");
        String good = HubSignature.sign(APP_SECRET, body);

        assertThat(post(body, Optional.empty()).statusCode()).isEqualTo(401);
        assertThat(post(body, Optional.of(HubSignature.sign(Secret.of("another-secret"), body)))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(Arrays.copyOf(body, body.length - 3), Optional.of(good)).statusCode())
                .as("a truncated body")
                .isEqualTo(403);
        assertThat(post(body, Optional.of(good.substring(0, good.length() - 2))).statusCode())
                .as("a truncated signature")
                .isEqualTo(403);
        assertThat(post(body, Optional.of("sha1=" + good.substring(7))).statusCode())
                .isEqualTo(403);
        assertThat(post(new byte[MetaWebhooksLimits.TOO_LARGE], Optional.of(good))
                        .statusCode())
                .isEqualTo(413);
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        assertThat(post(notJson, Optional.of(HubSignature.sign(APP_SECRET, notJson)))
                        .statusCode())
                .isEqualTo(400);

        assertThat(count("SELECT count(*) FROM plugkit_meta_webhooks")).isZero();
        assertThat(count("SELECT count(*) FROM plugkit_events WHERE type LIKE 'instagram.%'"))
                .isZero();
    }

    @Test
    void commentsAndMentionsAreTheirOwnTypesAndUnknownAccountsAreSkipped() throws Exception {
        byte[] body = ("{\"object\":\"instagram\",\"entry\":["
                        + "{\"id\":\"" + USER
                        + "\",\"time\":1,\"changes\":[{\"field\":\"comments\",\"value\":{\"id\":\"c1\","
                        + "\"text\":\"nice\",\"from\":{\"id\":\"5\",\"username\":\"fan\"},\"media\":{\"id\":\"m1\"}}}]},"
                        + "{\"id\":\"" + USER + "\",\"time\":2,\"changes\":[{\"field\":\"mentions\",\"value\":"
                        + "{\"media_id\":\"m2\",\"comment_id\":\"c2\"}}]},"
                        + "{\"id\":\"17841499999999999\",\"time\":3,\"messaging\":[{\"message\":{\"text\":\"x\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post(body, Optional.of(HubSignature.sign(APP_SECRET, body))).statusCode())
                .isEqualTo(200);

        Eventually.until(
                Duration.ofSeconds(30),
                "comments and mentions",
                () -> received.stream()
                                .filter(e -> e.type().startsWith("instagram."))
                                .count()
                        >= 4);
        Thread.sleep(300);
        assertThat(count("SELECT count(*) FROM plugkit_events WHERE type = 'instagram.comment'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM plugkit_events WHERE type = 'instagram.mention'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM plugkit_events WHERE type = 'instagram.message'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM plugkit_meta_webhooks WHERE processed_at IS NULL"))
                .isZero();
    }

    /** Sizes around the delivery limit. */
    private static final class MetaWebhooksLimits {
        static final int TOO_LARGE = co.plugkit.internal.events.MetaWebhooks.MAX_BODY_BYTES + 1;
    }
}
