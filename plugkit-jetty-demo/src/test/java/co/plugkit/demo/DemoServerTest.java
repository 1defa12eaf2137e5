package co.plugkit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.PlugKitConfigException;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a person runs it: real HTTP on loopback, port 0, a stand-in Instagram, a fresh data folder. */
class DemoServerTest {
    private static final Pattern API_KEY = Pattern.compile(co.plugkit.secret.ApiKeySecret.ACCEPTED_REGEX);

    @TempDir
    Path dataDir;

    private FakeInstagram instagram;
    private final List<DemoServer> servers = new ArrayList<>();

    @BeforeEach
    void startInstagram() {
        instagram = new FakeInstagram(Clock.systemUTC());
    }

    @AfterEach
    void stopAll() throws Exception {
        for (DemoServer server : servers) {
            server.close();
        }
        instagram.close();
    }

    @Test
    void answersHealthOnTheRealPortWithoutAKey() {
        DemoServer server = start(env(), new ByteArrayOutputStream());

        assertThat(server.port()).isPositive();
        assertThat(server.publicUrl()).hasToString("http://localhost:" + server.port());
        assertThat(server.redirectUri())
                .hasToString("http://localhost:" + server.port() + "/v1/connect/instagram/callback");
        Response health = new ApiClient(server.publicUrl(), null).get("/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        assertThat(health.json().get("database").asText()).isEqualTo("up");
        // audit finding 13: no "Server: Jetty(12.x)" that tells which version to attack
        assertThat(health.header("Server")).isEmpty();
        Response home = ApiClient.browse(java.net.URI.create(server.publicUrl() + "/"));
        assertThat(home.header("Server")).isEmpty();
    }

    /** Audit finding 5: the demo's own pages refuse TRACE (which would echo the headers) like PlugKit's routes. */
    @Test
    void theDemoPagesRefuseTrace() {
        DemoServer server = start(env(), new ByteArrayOutputStream());
        for (String path : java.util.List.of(
                "/", "/demo/session", "/demo/webhooks/events", "/demo/webhooks/receiver", "/demo/webhooks/secret")) {
            Response trace = co.plugkit.testing.RawRequests.send(
                    server.publicUrl(), "TRACE", path, null, "Cookie", "session=secret-cookie");
            assertThat(trace.status()).as(path).isEqualTo(405);
            assertThat(trace.body()).doesNotContain("secret-cookie");
        }
    }

    @Test
    void bootstrapKeyWorksAndNoKeyIsPrinted() {
        String bootstrap = "sk_" + "ab".repeat(32);
        Map<String, String> env = env();
        env.put("PLUGKIT_BOOTSTRAP_API_KEY", bootstrap);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DemoServer server = start(env, console);

        ApiClient client = new ApiClient(server.publicUrl(), bootstrap);
        assertThat(client.get("/v1/profiles").status()).isEqualTo(200);
        JsonNode keys = client.get("/v1/api-keys").json().get("data");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("name").asText()).isEqualTo("bootstrap");
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("sk_");
    }

    @Test
    void firstStartCreatesAKeyOnceAndARestartKeepsKeyAndAccounts() throws Exception {
        ByteArrayOutputStream firstConsole = new ByteArrayOutputStream();
        DemoServer first = start(env(), firstConsole);
        String printed = firstConsole.toString(StandardCharsets.UTF_8);
        String key = onlyKeyIn(printed);
        assertThat(printed)
                .contains(first.publicUrl().toString())
                .contains(first.redirectUri().toString());
        ApiClient client = new ApiClient(first.publicUrl(), key);
        String profileId = client.createProfile("Jane");
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);
        first.close();

        Path keyFile = dataDir.resolve(DataFolder.KEY_FILE);
        String keyFileContent = Files.readString(keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");

        ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
        DemoServer second = start(env(), secondConsole);
        assertThat(secondConsole.toString(StandardCharsets.UTF_8)).doesNotContain("sk_");
        assertThat(Files.readString(keyFile)).isEqualTo(keyFileContent);
        ApiClient again = new ApiClient(second.publicUrl(), key);
        assertThat(again.get("/v1/api-keys").json().get("data")).hasSize(1);
        JsonNode accounts = again.get("/v1/accounts").json().get("data");
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("username").asText()).isEqualTo("acme");
        assertThat(accounts.get(0).get("profileId").asText()).isEqualTo(profileId);
    }

    @Test
    void connectFlowEndsWithTheAccountListed() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DemoServer server = start(env(), console);
        ApiClient client = new ApiClient(server.publicUrl(), onlyKeyIn(console.toString(StandardCharsets.UTF_8)));
        String profileId = client.createProfile("Jane");

        Response connect = client.connect(profileId);
        assertThat(connect.status()).isEqualTo(200);
        String authUrl = connect.json().get("authUrl").asText();
        assertThat(authUrl).startsWith(instagram.authorizeUrl().toString());
        Response page = ApiClient.followToCallback(java.net.URI.create(authUrl));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@acme is connected");
        JsonNode accounts =
                client.get("/v1/accounts?profileId=" + profileId).json().get("data");
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("externalId").asText()).isEqualTo("17841400000000001");
        assertThat(accounts.get(0).get("status").asText()).isEqualTo("active");
    }

    @Test
    void startsInSandboxModeWithoutAnyConfigurationAndServesTheHomePage() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DemoServer server = start(new HashMap<>(), console);
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains(
                        "Mode: SANDBOX",
                        server.publicUrl() + "/",
                        server.redirectUri().toString());
        String key = onlyKeyIn(printed);

        Response home = ApiClient.browse(java.net.URI.create(server.publicUrl() + "/"));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Connect Instagram").doesNotContain("http://", "https://");
        assertThat(home.header("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        JsonNode session = ApiClient.browse(java.net.URI.create(server.publicUrl() + "/demo/session"))
                .json();
        assertThat(session.get("sandbox").asBoolean()).isTrue();
        assertThat(session.get("apiKey").asText()).isEqualTo(key);

        ApiClient client = new ApiClient(server.publicUrl(), key);
        String authUrl = client.connect(client.createProfile("Jane"))
                .json()
                .get("authUrl")
                .asText();
        assertThat(authUrl).startsWith(server.publicUrl() + "/sandbox/instagram/oauth/authorize?");
    }

    @Test
    void aRestartPrintsTheBlockWithoutAKeyAndOffersNone() throws Exception {
        start(new HashMap<>(), new ByteArrayOutputStream()).close();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DemoServer second = start(new HashMap<>(), console);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("Mode: SANDBOX")
                .doesNotContain("sk_");
        JsonNode session = ApiClient.browse(java.net.URI.create(second.publicUrl() + "/demo/session"))
                .json();
        assertThat(session.get("apiKey").isNull()).isTrue();
    }

    @Test
    void refusesToStartWithoutAnInstagramAppWhenSandboxIsOffAndSaysWhatToSet() throws Exception {
        Map<String, String> env = env();
        env.remove("PLUGKIT_INSTAGRAM_CLIENT_ID");
        env.remove("PLUGKIT_INSTAGRAM_CLIENT_SECRET");
        env.put("PLUGKIT_SANDBOX", "false");

        assertThatThrownBy(() -> DemoServer.createServer(0, env, dataDir, quiet()))
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("PLUGKIT_INSTAGRAM_CLIENT_ID")
                .hasMessageContaining("PLUGKIT_INSTAGRAM_CLIENT_SECRET")
                .hasMessageContaining("sandbox");
        try (var written = Files.list(dataDir)) {
            assertThat(written).as("nothing written before refusing").isEmpty();
        }
    }

    @Test
    void namesTheOneMissingSecret() {
        Map<String, String> env = env();
        env.remove("PLUGKIT_INSTAGRAM_CLIENT_SECRET");

        assertThatThrownBy(() -> DemoServer.createServer(0, env, dataDir, quiet()))
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageStartingWith("Set PLUGKIT_INSTAGRAM_CLIENT_SECRET:");
    }

    @Test
    void aBadEncryptionKeyIsAConfigurationError() {
        Map<String, String> env = env();
        env.put("PLUGKIT_ENCRYPTION_KEY", "too-short");

        assertThatThrownBy(() -> DemoServer.createServer(0, env, dataDir, quiet()))
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("encryptionKey")
                .hasMessageNotContaining("too-short");
    }

    private DemoServer start(Map<String, String> env, ByteArrayOutputStream console) {
        DemoServer server =
                DemoServer.createServer(0, env, dataDir, new PrintStream(console, true, StandardCharsets.UTF_8));
        servers.add(server);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the demo did not start", e);
        }
        // Like "OAuth redirect URIs" in Meta's App Dashboard; the port is only known now.
        instagram.registerRedirectUri(server.redirectUri().toString());
        return server;
    }

    /** The environment of a demo pointed at the stand-in Instagram. */
    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PLUGKIT_INSTAGRAM_CLIENT_ID", FakeInstagram.CLIENT_ID);
        env.put("PLUGKIT_INSTAGRAM_CLIENT_SECRET", FakeInstagram.CLIENT_SECRET);
        env.put("PLUGKIT_INSTAGRAM_AUTHORIZE_URL", instagram.authorizeUrl().toString());
        env.put("PLUGKIT_INSTAGRAM_API_URL", instagram.baseUrl().toString());
        env.put("PLUGKIT_INSTAGRAM_GRAPH_URL", instagram.baseUrl().toString());
        return env;
    }

    /** The one distinct key in the first-start block (it appears in the key line and the curl example). */
    private static String onlyKeyIn(String console) {
        Matcher m = API_KEY.matcher(console);
        assertThat(m.find()).as("an API key in:%n%s", console).isTrue();
        String key = m.group();
        while (m.find()) {
            assertThat(m.group()).isEqualTo(key);
        }
        return key;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
