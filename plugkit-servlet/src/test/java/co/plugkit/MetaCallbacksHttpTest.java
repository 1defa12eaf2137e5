package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.secret.Secret;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meta's deauthorize and data deletion callbacks over HTTP, across two workspaces. Which accounts they
 * match and what becomes of them is tested without a container in {@link co.plugkit.internal.engine.MetaCallbacksTest}.
 */
class MetaCallbacksHttpTest {
    private static final Secret APP_SECRET = Secret.of(FakeInstagram.CLIENT_SECRET);
    private static final String USER = "17841400000000001";

    @TempDir
    Path dir;

    private FakeInstagram instagram;
    private PlugKitServer server;
    private ApiClient acme;
    private ApiClient globex;
    private JdbcDataSource h2;

    @BeforeEach
    void start() {
        MutableClock clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("plugkit").toAbsolutePath());
        h2.setUser("sa");
        server = PlugKitServer.start(instagram, clock, h2, "", b -> b);
        acme = server.newWorkspaceClient("Acme");
        globex = server.newWorkspaceClient("Globex");
        // The same Instagram user connected in two workspaces, and another user in one.
        instagram.approveAs(IgAccount.business(USER, "shared_user"));
        acme.connectThroughBrowser(acme.createProfile("Jane"), Optional.empty());
        globex.connectThroughBrowser(globex.createProfile("Jim"), Optional.empty());
        instagram.approveAs(IgAccount.business("17841400000000002", "bystander"));
        acme.connectThroughBrowser(acme.createProfile("Ann"), Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    private Response post(String path, String form, String contentType) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                                    .header("Content-Type", contentType)
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Response callback(String path, String signedRequest) {
        return post(
                path,
                "signed_request=" + URLEncoder.encode(signedRequest, StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
    }

    private static String signed(String userIdJson) {
        return SignedRequest.sign(
                APP_SECRET, "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1291836800,\"user_id\":" + userIdJson + "}");
    }

    private JsonNode accounts(ApiClient client) {
        return client.get("/v1/accounts").json().get("data");
    }

    @Test
    void deauthorizeDisconnectsThatUserEverywhereAndWipesTheTokens() {
        Response r = callback("/v1/connect/instagram/deauthorize", signed("\"" + USER + "\""));

        assertThat(r.status()).isEqualTo(200);
        for (ApiClient client : new ApiClient[] {acme, globex}) {
            JsonNode shared = findByUsername(accounts(client), "shared_user");
            assertThat(shared.get("status").asText()).isEqualTo("disconnected");
            assertThat(shared.get("statusReason").asText()).isEqualTo("deauthorized");
            assertThat(shared.get("tokenExpiresAt").isNull()).isTrue();
        }
        assertThat(findByUsername(accounts(acme), "bystander").get("status").asText())
                .isEqualTo("active");
        assertThat(count("SELECT count(*) FROM plugkit_accounts WHERE external_id = '" + USER
                        + "' AND (token_ciphertext IS NOT NULL OR token_key_id IS NOT NULL)"))
                .as("tokens left")
                .isZero();
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
    void dataDeletionDeletesThatUserEverywhereAndAnswersWithAStatusPage() throws Exception {
        Response r = callback("/v1/connect/instagram/data-deletion", signed(USER));

        assertThat(r.status()).isEqualTo(200);
        String code = r.json().get("confirmation_code").asText();
        assertThat(code).as("128 bits, alphanumeric").matches("[0-9a-f]{32}");
        assertThat(r.json().get("url").asText())
                .isEqualTo(server.baseUrl() + "/v1/connect/instagram/data-deletion/" + code);
        assertThat(accounts(acme)).extracting(a -> a.get("username").asText()).containsExactly("bystander");
        assertThat(accounts(globex)).isEmpty();

        Response page = ApiClient.browse(URI.create(r.json().get("url").asText()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(code).contains("completed");
        assertThat(ApiClient.browse(
                                URI.create(server.baseUrl() + "/v1/connect/instagram/data-deletion/" + "0".repeat(32)))
                        .status())
                .isEqualTo(404);

        assertThat(count("SELECT count(*) FROM plugkit_accounts WHERE external_id = '" + USER + "'"))
                .isZero();
        // And no token was ever in the file in plaintext.
        String file = new String(Files.readAllBytes(dir.resolve("plugkit.mv.db")), StandardCharsets.ISO_8859_1);
        assertThat(instagram.issuedLongLivedTokens()).allMatch(token -> !file.contains(token));
    }

    @Test
    void forgedMalformedOrOversizedCallbacksChangeNothing() {
        String forged = SignedRequest.sign(
                Secret.of("not-our-secret"), "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"" + USER + "\"}");
        for (String path : new String[] {"/v1/connect/instagram/deauthorize", "/v1/connect/instagram/data-deletion"}) {
            assertThat(callback(path, forged).status()).isEqualTo(403);
            assertThat(callback(path, "garbage").status()).isEqualTo(400);
            assertThat(callback(
                                    path,
                                    SignedRequest.sign(
                                            APP_SECRET, "{\"algorithm\":\"none\",\"user_id\":\"" + USER + "\"}"))
                            .status())
                    .isEqualTo(400);
            assertThat(post(path, "other=1", "application/x-www-form-urlencoded")
                            .status())
                    .isEqualTo(400);
            assertThat(post(path, "{\"signed_request\":\"x\"}", "application/json")
                            .status())
                    .isEqualTo(415);
            assertThat(post(path, "signed_request=" + "a".repeat(100_000), "application/x-www-form-urlencoded")
                            .status())
                    .isEqualTo(413);
        }
        assertThat(accounts(acme))
                .hasSize(2)
                .allMatch(a -> a.get("status").asText().equals("active"));
        assertThat(accounts(globex))
                .hasSize(1)
                .allMatch(a -> a.get("status").asText().equals("active"));
    }

    private static JsonNode findByUsername(JsonNode accounts, String username) {
        for (JsonNode a : accounts) {
            if (a.get("username").asText().equals(username)) {
                return a;
            }
        }
        throw new AssertionError("no @" + username + " in " + accounts);
    }
}
