package co.plugkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo on the PostgreSQL service with nothing but PLUGKIT_DB_URL changed. */
class DemoOnPostgresTest {

    @Test
    void runsOnPostgresWithOnlyTheDatabaseUrlChanged(@TempDir Path dataDir) throws Exception {
        try (TestDatabase database = TestDatabase.postgres();
                FakeInstagram instagram = new FakeInstagram(Clock.systemUTC())) {
            Map<String, String> env = new HashMap<>();
            env.put("PLUGKIT_INSTAGRAM_CLIENT_ID", FakeInstagram.CLIENT_ID);
            env.put("PLUGKIT_INSTAGRAM_CLIENT_SECRET", FakeInstagram.CLIENT_SECRET);
            env.put("PLUGKIT_INSTAGRAM_AUTHORIZE_URL", instagram.authorizeUrl().toString());
            env.put("PLUGKIT_INSTAGRAM_API_URL", instagram.baseUrl().toString());
            env.put("PLUGKIT_INSTAGRAM_GRAPH_URL", instagram.baseUrl().toString());
            env.put("PLUGKIT_DB_URL", database.jdbcUrl());
            ByteArrayOutputStream console = new ByteArrayOutputStream();

            String key;
            try (DemoServer demo =
                    DemoServer.createServer(0, env, dataDir, new PrintStream(console, true, StandardCharsets.UTF_8))) {
                demo.start();
                instagram.registerRedirectUri(demo.redirectUri().toString());
                Matcher m = Pattern.compile(co.plugkit.secret.ApiKeySecret.ACCEPTED_REGEX)
                        .matcher(console.toString(StandardCharsets.UTF_8));
                assertThat(m.find()).isTrue();
                key = m.group();
                ApiClient client = new ApiClient(demo.publicUrl(), key);
                assertThat(client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty())
                                .status())
                        .isEqualTo(200);
            }
            try (var c = database.dataSource().getConnection();
                    var rs = c.createStatement().executeQuery("SELECT count(*) FROM plugkit_accounts")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("the account is in PostgreSQL").isEqualTo(1);
            }
            try (DemoServer again = DemoServer.createServer(
                    0, env, dataDir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
                again.start();
                assertThat(new ApiClient(again.publicUrl(), key)
                                .get("/v1/accounts")
                                .json()
                                .get("data"))
                        .hasSize(1);
            }
        }
    }
}
