package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.Fault;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Tokens, codes, keys and the client secret never show up where they must not: not in plaintext in the
 * database file, not in any log line, not in any API answer.
 */
class SecretsStayHiddenTest {

    @Test
    void noSecretReachesTheDatabaseFileTheLogsOrTheApi(@TempDir Path dir) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);

        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("plugkit").toAbsolutePath());
        h2.setUser("sa");
        MutableClock clock = MutableClock.startingNow();
        List<String> apiAnswers = new ArrayList<>();
        String apiKey;
        try (FakeInstagram instagram = new FakeInstagram(clock);
                PlugKitServer server = PlugKitServer.start(instagram, clock, h2, "", b -> b)) {
            ApiClient client = server.newWorkspaceClient("Acme");
            apiKey = client.apiKey();
            String profileId = client.createProfile("Jane");
            apiAnswers.add(
                    client.connectThroughBrowser(profileId, Optional.empty()).body());
            instagram.failNext(Endpoint.ME, Fault.GRAPH_ERROR_190);
            apiAnswers.add(
                    client.connectThroughBrowser(profileId, Optional.empty()).body());
            instagram.failNext(Endpoint.LONG_LIVED_EXCHANGE, Fault.MALFORMED_JSON);
            apiAnswers.add(
                    client.connectThroughBrowser(profileId, Optional.empty()).body());
            apiAnswers.add(client.get("/v1/accounts").body());
            String accountId = client.get("/v1/accounts")
                    .json()
                    .get("data")
                    .get(0)
                    .get("id")
                    .asText();
            apiAnswers.add(client.get("/v1/accounts/" + accountId).body());
            apiAnswers.add(client.get("/v1/api-keys").body());

            List<String> secrets = new ArrayList<>(instagram.issuedLongLivedTokens());
            assertThat(secrets).isNotEmpty();
            instagram.codeExchangeForms().stream().map(f -> f.get("code")).forEach(secrets::add);
            secrets.add(FakeInstagram.CLIENT_SECRET);
            secrets.add(apiKey);
            secrets.add(TestKeys.ADMIN_TOKEN);

            List<String> logLines =
                    logs.list.stream().map(SecretsStayHiddenTest::render).toList();
            assertThat(logLines).anyMatch(l -> l.contains("Connected instagram account"));
            for (String secret : secrets) {
                assertThat(logLines).as("log lines").noneMatch(l -> l.contains(secret));
                assertThat(apiAnswers).as("API answers").noneMatch(a -> a.contains(secret));
            }

            try (Connection c = h2.getConnection()) {
                c.createStatement().execute("SHUTDOWN");
            }
            byte[] db = readAll(dir);
            String dbText = new String(db, StandardCharsets.ISO_8859_1);
            assertThat(dbText).as("the search works: plain fields are visible").contains("acme");
            for (String secret : secrets) {
                assertThat(dbText).as("database file").doesNotContain(secret);
            }
        } finally {
            root.detachAppender(logs);
        }
    }

    private static String render(ILoggingEvent event) {
        String thrown = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getFormattedMessage() + thrown + Map.copyOf(event.getMDCPropertyMap());
    }

    private static byte[] readAll(Path dir) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.write(Files.readAllBytes(f));
            }
        }
        return out.toByteArray();
    }
}
