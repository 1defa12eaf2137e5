package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.model.Event;
import co.plugkit.model.EventType;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.Concurrently;
import co.plugkit.testing.Eventually;
import co.plugkit.testing.FakeGraph;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MetaSignedRequests;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each account status change writes exactly one event with the change, and in-process listeners get it
 * after the commit — a listener that throws gets it again.
 */
class AccountEventsHttpTest {
    private static final String USER = "17841400000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
    private final List<Event> flakyReceived = new CopyOnWriteArrayList<>();
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private JdbcDataSource h2;
    private ApiClient acme;
    private ApiClient globex;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        h2 = PlugKitServer.h2InMemory();
        server = PlugKitServer.start(
                instagram,
                clock,
                h2,
                "",
                b -> b.checkInterval(Duration.ofHours(1)),
                url -> List.of(),
                b -> b.listener(received::add).listener(event -> {
                    // fails twice on every event, then takes it
                    if (flakyCalls
                                    .computeIfAbsent(event.id().value(), id -> new AtomicInteger())
                                    .incrementAndGet()
                            <= 2) {
                        throw new IllegalStateException("not now");
                    }
                    flakyReceived.add(event);
                }));
        acme = server.newWorkspaceClient("Acme");
        globex = server.newWorkspaceClient("Globex");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    private String connect(ApiClient client, String username, String profileId) {
        instagram.approveAs(IgAccount.business(USER, username));
        ApiClient.Response r = client.connectThroughBrowser(profileId, Optional.empty());
        assertThat(r.status()).isEqualTo(200);
        return client.get("/v1/accounts?profileId=" + profileId)
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asText();
    }

    private int rows(String type) {
        try (var c = h2.getConnection();
                var s = c.prepareStatement("SELECT count(*) FROM plugkit_events WHERE type = ?")) {
            s.setString(1, type);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Event> received(String type) {
        return received.stream().filter(e -> e.type().equals(type)).toList();
    }

    private static List<Event> accountEvents(List<Event> events) {
        return events.stream().filter(e -> e.type().startsWith("account.")).toList();
    }

    private static JsonNode data(Event e) throws Exception {
        return JSON.readTree(e.data());
    }

    private void metaCallback(String path) {
        Response r =
                server.anonymousClient().send("POST", path, MetaSignedRequests.FORM, MetaSignedRequests.form(USER));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void connectAndReconnectAreOneEventEachWithTheirActor() throws Exception {
        String profile = acme.createProfile("Jane");
        String id = connect(acme, "jane", profile);
        Eventually.until(
                Duration.ofSeconds(20),
                "received(EventType.ACCOUNT_CONNECTED).size() == 1",
                () -> received(EventType.ACCOUNT_CONNECTED).size() == 1);
        Event connected = received(EventType.ACCOUNT_CONNECTED).get(0);
        assertThat(connected.accountId().orElseThrow().value()).isEqualTo(id);
        assertThat(connected.actor().value()).isEqualTo("instagram");
        assertThat(data(connected).get("accountId").asText()).isEqualTo(id);
        assertThat(data(connected).get("profileId").asText()).isEqualTo(profile);
        assertThat(data(connected).get("status").asText()).isEqualTo("active");

        connect(acme, "jane_again", profile);
        Eventually.until(
                Duration.ofSeconds(20),
                "received(EventType.ACCOUNT_RECONNECTED).size() == 1",
                () -> received(EventType.ACCOUNT_RECONNECTED).size() == 1);
        Event reconnected = received(EventType.ACCOUNT_RECONNECTED).get(0);
        assertThat(data(reconnected).get("username").asText()).isEqualTo("jane_again");
        assertThat(data(reconnected).get("previousStatus").asText()).isEqualTo("active");
        assertThat(rows(EventType.ACCOUNT_CONNECTED)).isEqualTo(1);
        assertThat(rows(EventType.ACCOUNT_RECONNECTED)).isEqualTo(1);

        // The listener that threw twice per event got each of them in the end, once (the workspaces' first
        // keys' api_key.created events went to the listeners too; this test is about the account events).
        Eventually.until(
                Duration.ofSeconds(30),
                "two account events in flakyReceived",
                () -> accountEvents(flakyReceived).size() == 2);
        assertThat(accountEvents(flakyReceived))
                .extracting(Event::id)
                .containsExactlyElementsOf(
                        accountEvents(received).stream().map(Event::id).toList());
    }

    @Test
    void disconnectThroughTheApiNamesTheKey() throws Exception {
        String id = connect(acme, "jane", acme.createProfile("Jane"));
        assertThat(acme.delete("/v1/accounts/" + id).status()).isEqualTo(204);
        assertThat(acme.delete("/v1/accounts/" + id).status()).isEqualTo(404);

        Eventually.until(
                Duration.ofSeconds(20),
                "received(EventType.ACCOUNT_DISCONNECTED).size() == 1",
                () -> received(EventType.ACCOUNT_DISCONNECTED).size() == 1);
        Event e = received(EventType.ACCOUNT_DISCONNECTED).get(0);
        assertThat(e.actor().value()).isEqualTo("key:" + acme.apiKey().substring(0, 11));
        assertThat(data(e).get("reason").asText()).isEqualTo("api");
        assertThat(rows(EventType.ACCOUNT_DISCONNECTED)).isEqualTo(1);
    }

    @Test
    void deauthorizeIsOneEventPerAccountInEveryWorkspaceAndNotAgain() throws Exception {
        String a = connect(acme, "shared", acme.createProfile("Jane"));
        String g = connect(globex, "shared", globex.createProfile("Jim"));

        metaCallback("/v1/connect/instagram/deauthorize");
        metaCallback("/v1/connect/instagram/deauthorize"); // Meta retries: already disconnected, no new event

        Eventually.until(
                Duration.ofSeconds(20),
                "received(EventType.ACCOUNT_DISCONNECTED).size() == 2",
                () -> received(EventType.ACCOUNT_DISCONNECTED).size() == 2);
        assertThat(received(EventType.ACCOUNT_DISCONNECTED))
                .extracting(e -> e.accountId().orElseThrow().value())
                .containsExactlyInAnyOrder(a, g);
        assertThat(received(EventType.ACCOUNT_DISCONNECTED))
                .allSatisfy(e -> assertThat(e.actor().value()).isEqualTo("meta"));
        assertThat(data(received(EventType.ACCOUNT_DISCONNECTED).get(0))
                        .get("reason")
                        .asText())
                .isEqualTo("deauthorized");
        assertThat(rows(EventType.ACCOUNT_DISCONNECTED)).isEqualTo(2);
    }

    @Test
    void dataDeletionIsOneEventPerAccountWithoutTheUsersData() throws Exception {
        String a = connect(acme, "shared", acme.createProfile("Jane"));
        String g = connect(globex, "shared", globex.createProfile("Jim"));

        metaCallback("/v1/connect/instagram/data-deletion");

        Eventually.until(
                Duration.ofSeconds(20),
                "received(EventType.ACCOUNT_DELETED).size() == 2",
                () -> received(EventType.ACCOUNT_DELETED).size() == 2);
        assertThat(received(EventType.ACCOUNT_DELETED))
                .extracting(e -> e.accountId().orElseThrow().value())
                .containsExactlyInAnyOrder(a, g);
        for (Event e : received(EventType.ACCOUNT_DELETED)) {
            assertThat(e.data()).doesNotContain(USER).doesNotContain("shared");
            assertThat(e.workspaceId()).isNotNull();
        }
        assertThat(rows(EventType.ACCOUNT_DELETED)).isEqualTo(2);
    }

    @Test
    void aRevokedOrExpiredTokenIsOneNeedsReconnectEvent() throws Exception {
        String revoked = connect(acme, "jane", acme.createProfile("Jane"));
        clock.advance(Duration.ofMinutes(20));
        instagram.revokeTokensOf(USER);
        clock.advance(Duration.ofHours(1));
        assertThat(server.plugKit().refreshTokensNow().needsReconnect()).isEqualTo(1);
        server.plugKit().refreshTokensNow();

        Eventually.until(
                Duration.ofSeconds(20),
                "received(EventType.ACCOUNT_NEEDS_RECONNECT).size() == 1",
                () -> received(EventType.ACCOUNT_NEEDS_RECONNECT).size() == 1);
        Event e = received(EventType.ACCOUNT_NEEDS_RECONNECT).get(0);
        assertThat(e.accountId().orElseThrow().value()).isEqualTo(revoked);
        assertThat(data(e).get("reason").asText()).isEqualTo("password_changed");
        assertThat(e.actor().value()).isEqualTo("system");

        // An expired token (the refresher never got to it) becomes needs_reconnect in the next run.
        String expired = connect(globex, "jim", globex.createProfile("Jim"));
        server.plugKit().refreshTokensNow();
        clock.advance(Duration.ofDays(61));
        instagram.failNext(FakeInstagram.Endpoint.REFRESH, FakeInstagram.Fault.SERVER_ERROR);
        server.plugKit().refreshTokensNow();
        server.plugKit().refreshTokensNow();
        Eventually.until(
                Duration.ofSeconds(20),
                "received(EventType.ACCOUNT_NEEDS_RECONNECT).size() == 2",
                () -> received(EventType.ACCOUNT_NEEDS_RECONNECT).size() == 2);
        assertThat(rows(EventType.ACCOUNT_NEEDS_RECONNECT)).isEqualTo(2);
        assertThat(received(EventType.ACCOUNT_NEEDS_RECONNECT)
                        .get(1)
                        .accountId()
                        .orElseThrow()
                        .value())
                .isEqualTo(expired);
    }

    @Test
    void aGraph190OnTheProxyIsOneNeedsReconnectEventHoweverManyCallsSeeIt() throws Exception {
        String account = connect(acme, "jane", acme.createProfile("Jane"));
        String path = "/v1/accounts/" + account + "/instagram/me/media";
        // Two calls in flight at once, both answered 190 by Instagram (the delay keeps them overlapping).
        FakeGraph.Answer rejected = FakeGraph.Answer.graphError(
                        400, 190, 460, "Error validating access token: password changed")
                .after(Duration.ofMillis(500));
        instagram.graph().answerNext(rejected);
        instagram.graph().answerNext(rejected);

        List<Integer> statuses = Concurrently.run(
                2, List.of(() -> acme.get(path).status(), () -> acme.get(path).status()));
        // Each call either passed Instagram's 400 on, or came after the other had marked the account.
        assertThat(statuses).contains(400).allMatch(s -> s == 400 || s == 409);
        assertThat(acme.get("/v1/accounts/" + account).json().get("status").asText())
                .isEqualTo("needs_reconnect");
        // Later calls are refused by PlugKit without reaching Instagram, and write nothing.
        assertThat(acme.get(path).status()).isEqualTo(409);
        assertThat(acme.get(path).status()).isEqualTo(409);

        // The event is written with the status change, in its transaction: the row count is exact now.
        assertThat(rows(EventType.ACCOUNT_NEEDS_RECONNECT)).isEqualTo(1);
        Eventually.until(
                Duration.ofSeconds(20),
                "the needs_reconnect event at the listener",
                () -> received(EventType.ACCOUNT_NEEDS_RECONNECT).size() == 1);
        Event e = received(EventType.ACCOUNT_NEEDS_RECONNECT).get(0);
        assertThat(e.accountId().orElseThrow().value()).isEqualTo(account);
        assertThat(data(e).get("reason").asText()).isEqualTo("password_changed");
        assertThat(data(e).get("status").asText()).isEqualTo("needs_reconnect");
        assertThat(e.actor().value()).isEqualTo("system");
        assertThat(rows(EventType.ACCOUNT_NEEDS_RECONNECT)).isEqualTo(1);
    }
}
