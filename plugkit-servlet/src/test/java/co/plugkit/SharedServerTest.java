package co.plugkit;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One PlugKit server (and one stand-in Instagram) for all tests of a class, to keep the suite fast. Tests
 * stay independent by working in a fresh workspace each ({@link #newWorkspace()}); none may move the
 * clock or queue Instagram faults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedServerTest {
    private static final AtomicInteger WORKSPACES = new AtomicInteger();
    private static final AtomicLong USER_IDS = new AtomicLong(17841400000000100L);

    protected MutableClock clock;
    protected FakeInstagram instagram;
    protected PlugKitServer server;

    @BeforeAll
    void startServer() {
        clock = newClock();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock);
    }

    /** The clock PlugKit and the stand-in share; fixed unless a class needs another start. */
    protected MutableClock newClock() {
        return MutableClock.startingNow();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (instagram != null) {
            instagram.close();
        }
    }

    /** Connects a new Instagram account, distinct from every other, to the profile; returns the account's id. */
    protected String connect(ApiClient client, String profileId) {
        long userId = USER_IDS.incrementAndGet();
        return connect(client, profileId, Long.toString(userId), "user" + userId);
    }

    /** Connects the Instagram account {@code userId} to the profile through the stand-in; returns the account's id. */
    protected String connect(ApiClient client, String profileId, String userId, String username) {
        instagram.approveAs(IgAccount.business(userId, username));
        Response page = client.connectThroughBrowser(profileId, Optional.empty());
        if (page.status() != 200) {
            throw new AssertionError("connecting " + userId + " failed: " + page.status() + " " + page.body());
        }
        for (JsonNode a : client.get("/v1/accounts?limit=100&profileId=" + profileId)
                .json()
                .get("data")) {
            if (a.get("externalId").asText().equals(userId)) {
                return a.get("id").asText();
            }
        }
        throw new AssertionError("account " + userId + " not listed after connecting");
    }

    /** A client holding the first key of a workspace no other test uses. */
    protected ApiClient newWorkspace() {
        return server.newWorkspaceClient("Workspace " + WORKSPACES.incrementAndGet());
    }
}
