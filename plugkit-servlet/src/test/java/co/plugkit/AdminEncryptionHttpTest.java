package co.plugkit;

import static co.plugkit.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/v1/encryption} over HTTP: guarded by the admin token as {@code /admin/v1/workspaces} is,
 * absent without one, and its figures those of the database (a rotation's progress).
 */
class AdminEncryptionHttpTest {
    private static final String PATH = "/admin/v1/encryption";
    private static final String NEW_KEY =
            Base64.getEncoder().encodeToString("new-primary-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private final MutableClock clock = MutableClock.startingNow();
    private final FakeInstagram instagram = new FakeInstagram(clock);

    @AfterEach
    void stop() throws Exception {
        instagram.close();
    }

    @Test
    void aWrongOrMissingAdminTokenGets401() throws Exception {
        try (PlugKitServer server = PlugKitServer.start(instagram, clock)) {
            ApiClient tenant = server.newWorkspaceClient("Acme");
            for (String token : List.of(
                    "wrong",
                    TestKeys.ADMIN_TOKEN + "x",
                    TestKeys.ADMIN_TOKEN.toUpperCase(Locale.ROOT),
                    tenant.apiKey())) {
                Response r = server.anonymousClient().withKey(token).get(PATH);
                assertError(r, 401, "unauthorized");
                assertThat(r.header("WWW-Authenticate")).isPresent();
                assertThat(r.body()).doesNotContain("primaryKeyId");
            }
            assertError(server.anonymousClient().get(PATH), 401, "unauthorized");
            Response ok = server.anonymousClient().withKey(TestKeys.ADMIN_TOKEN).get(PATH);
            assertThat(ok.status()).isEqualTo(200);
            assertError(server.anonymousClient().withKey(TestKeys.ADMIN_TOKEN).get(PATH + "/x"), 404, "not_found");
            assertError(
                    server.anonymousClient().withKey(TestKeys.ADMIN_TOKEN).post(PATH, "{}"), 405, "method_not_allowed");
        }
    }

    @Test
    void withoutAnAdminTokenTheRouteIsAbsent() throws Exception {
        try (PlugKitServer noAdmin =
                PlugKitServer.start(instagram, clock, PlugKitServer.h2InMemory(), "", b -> b.adminToken(null))) {
            Response r = noAdmin.anonymousClient().withKey(TestKeys.ADMIN_TOKEN).get(PATH);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("X-Request-Id")).isEmpty(); // the container's answer: nothing is mounted
        }
    }

    @Test
    void theFiguresFollowTheRotation() throws Exception {
        DataSource database = PlugKitServer.h2InMemory();
        String apiKey;
        try (PlugKitServer server = PlugKitServer.start(instagram, clock, database, "", b -> b)) {
            ApiClient client = server.newWorkspaceClient("Acme");
            apiKey = client.apiKey();
            String profile = client.createProfile("Jane");
            for (int i = 1; i <= 3; i++) {
                instagram.approveAs(IgAccount.business("1784140000000000" + i, "acct" + i));
                assertThat(client.connectThroughBrowser(profile, Optional.empty())
                                .status())
                        .isEqualTo(200);
            }
            assertThat(figures(server)).isEqualTo(keyId(TestKeys.ENCRYPTION_KEY) + " 0");
        }
        try (PlugKitServer server = PlugKitServer.start(
                instagram,
                clock,
                database,
                "",
                b -> b.encryptionKey(NEW_KEY).encryptionOldKeys(List.of(TestKeys.ENCRYPTION_KEY)))) {
            assertThat(figures(server)).isEqualTo(keyId(NEW_KEY) + " 3");
            // A new connection is sealed with the new key and does not count.
            instagram.approveAs(IgAccount.business("17841400000000004", "acct4"));
            ApiClient client = new ApiClient(server.baseUrl(), apiKey);
            String profile = client.get("/v1/profiles")
                    .json()
                    .get("data")
                    .get(0)
                    .get("id")
                    .asText();
            assertThat(client.connectThroughBrowser(profile, Optional.empty()).status())
                    .isEqualTo(200);
            assertThat(figures(server)).isEqualTo(keyId(NEW_KEY) + " 3");
            Response body =
                    server.anonymousClient().withKey(TestKeys.ADMIN_TOKEN).get(PATH);
            assertThat(body.header("Content-Type").orElse("")).startsWith("application/json");
            assertThat(body.body()).doesNotContain(NEW_KEY).doesNotContain(TestKeys.ENCRYPTION_KEY);

            assertThat(server.plugKit().resealTokensNow()).isEqualTo(3);
            assertThat(figures(server)).isEqualTo(keyId(NEW_KEY) + " 0");
        }
    }

    private static String figures(PlugKitServer server) {
        Response r = server.anonymousClient().withKey(TestKeys.ADMIN_TOKEN).get(PATH);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(2);
        return r.json().get("primaryKeyId").asText() + " "
                + r.json().get("rowsOnOldKeys").asLong();
    }

    private static String keyId(String base64) {
        return new TokenCipher(Base64.getDecoder().decode(base64)).keyId();
    }
}
