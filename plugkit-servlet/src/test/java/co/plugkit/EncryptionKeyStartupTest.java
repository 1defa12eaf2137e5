package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestDatabase;
import co.plugkit.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Restarting PlugKit on the same database with another encryption key (issue 12, finding 8): it must not
 * start healthy and then fail account by account; it refuses to start, saying how many tokens which key
 * sealed and which setting to fix, and never a key. On an H2 file and on PostgreSQL.
 */
class EncryptionKeyStartupTest {
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final String OTHER_KEY_BASE64 = Base64.getEncoder().encodeToString(OTHER_KEY);

    @TempDir
    Path dir;

    private TestDatabase service;
    private FakeInstagram instagram;

    @AfterEach
    void stop() throws Exception {
        if (instagram != null) {
            instagram.close();
        }
        if (service != null) {
            service.close();
        }
    }

    /** An H2 file in a temporary folder, which outlives every connection, or a fresh PostgreSQL schema. */
    private DataSource database(String name) {
        if (name.equals("postgres")) {
            service = TestDatabase.postgres();
            return service.dataSource();
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("plugkit").toAbsolutePath());
        h2.setUser("sa");
        return h2;
    }

    /** Runs a server with the test key, connects {@code accounts} Instagram accounts, and stops it. */
    private void runWithTheTestKey(DataSource database, int accounts) throws Exception {
        MutableClock clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        try (PlugKitServer server = PlugKitServer.start(instagram, clock, database, "", b -> b)) {
            ApiClient client = server.newWorkspaceClient("Acme");
            String profile = client.createProfile("Jane");
            for (int i = 1; i <= accounts; i++) {
                instagram.approveAs(FakeInstagram.IgAccount.business("1784140000000000" + i, "acct" + i));
                assertThat(client.connectThroughBrowser(profile, Optional.empty())
                                .status())
                        .isEqualTo(200);
            }
        }
    }

    private static PlugKit build(DataSource database, String encryptionKey) {
        return PlugKit.builder()
                .config(PlugKitConfig.builder()
                        .publicUrl("https://connect.example.com")
                        .clientId(FakeInstagram.CLIENT_ID)
                        .clientSecret(FakeInstagram.CLIENT_SECRET)
                        .encryptionKey(encryptionKey)
                        .refreshEnabled(false)
                        .build())
                .dataSource(database)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void anotherKeyIsRefusedAtStartWithAMessageThatSaysWhatToFix(String name) throws Exception {
        DataSource database = database(name);
        runWithTheTestKey(database, 2);
        String storedKeyId = new TokenCipher(Base64.getDecoder().decode(TestKeys.ENCRYPTION_KEY)).keyId();
        String otherKeyId = new TokenCipher(OTHER_KEY).keyId();

        assertThatThrownBy(() -> build(database, OTHER_KEY_BASE64))
                .isInstanceOf(PlugKitConfigException.class)
                .hasMessageContaining("2 account tokens")
                .hasMessageContaining("key id " + storedKeyId)
                .hasMessageContaining("has key id " + otherKeyId)
                .hasMessageContaining("Set PLUGKIT_ENCRYPTION_KEY")
                .hasMessageNotContaining(TestKeys.ENCRYPTION_KEY)
                .hasMessageNotContaining(OTHER_KEY_BASE64);

        // The right key starts, and the tokens are there as before.
        try (PlugKit plugKit = build(database, TestKeys.ENCRYPTION_KEY)) {
            assertThat(plugKit.config().publicUrl()).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void anEmptyDatabaseStartsWithAnyKey(String name) {
        DataSource database = database(name);
        try (PlugKit plugKit = build(database, OTHER_KEY_BASE64)) {
            assertThat(plugKit.config().publicUrl()).isNotNull();
        }
        try (PlugKit plugKit = build(database, TestKeys.ENCRYPTION_KEY)) {
            assertThat(plugKit.config().publicUrl()).isNotNull();
        }
    }
}
