package co.plugkit;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.util.concurrent.atomic.AtomicInteger;
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

    protected MutableClock clock;
    protected FakeInstagram instagram;
    protected PlugKitServer server;

    @BeforeAll
    void startServer() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock);
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

    /** A client holding the first key of a workspace no other test uses. */
    protected ApiClient newWorkspace() {
        return server.newWorkspaceClient("Workspace " + WORKSPACES.incrementAndGet());
    }
}
