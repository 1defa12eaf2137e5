package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.Endpoint;
import co.plugkit.testing.FakeInstagram.Fault;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each upstream call failing in each way Instagram can fail: the person lands on a clear page with a
 * stable error code, and no account is written. One server for the class; each case uses a fresh
 * workspace, so "no account" is checked in isolation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamFailureHttpTest {
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;

    @BeforeAll
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        // Well past PlugKitServer's 2 s read timeout, so that a wait bounded by the timeout is told apart from
        // one that sat out the whole delay even on a slow, busy machine.
        instagram.slowDelay(Duration.ofSeconds(6));
        server = PlugKitServer.start(instagram, clock);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    static List<Arguments> failures() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : List.of(Endpoint.CODE_EXCHANGE, Endpoint.LONG_LIVED_EXCHANGE, Endpoint.ME)) {
            cases.add(Arguments.of(endpoint, Fault.SERVER_ERROR, 503, "instagram_unavailable"));
            cases.add(Arguments.of(endpoint, Fault.SLOW, 503, "instagram_unavailable"));
            cases.add(Arguments.of(endpoint, Fault.MALFORMED_JSON, 502, "instagram_bad_response"));
            cases.add(Arguments.of(endpoint, Fault.HTML_BODY, 502, "instagram_bad_response"));
            cases.add(Arguments.of(endpoint, Fault.HUGE_BODY, 502, "instagram_bad_response"));
            cases.add(Arguments.of(endpoint, Fault.GRAPH_ERROR_190, 502, "instagram_rejected"));
            cases.add(Arguments.of(endpoint, Fault.RATE_LIMITED, 503, "instagram_unavailable"));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1} → {3}")
    @MethodSource("failures")
    void anUpstreamFailureEndsOnAClearPageAndWritesNoAccount(Endpoint endpoint, Fault fault, int status, String code) {
        ApiClient client = server.newWorkspaceClient("W");
        String profileId = client.createProfile("Jane");
        instagram.failNext(endpoint, fault);

        long started = System.nanoTime();
        Response page = client.connectThroughBrowser(profileId, Optional.empty());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(page.status()).isEqualTo(status);
        assertThat(page.body()).contains(code).doesNotContain("Exception").doesNotContain("IGAA");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }

    @Test
    void aCodeInstagramDoesNotKnowIsRejected() {
        ApiClient client = server.newWorkspaceClient("W");
        String profileId = client.createProfile("Jane");
        Response authorize = ApiClient.browse(
                URI.create(client.connect(profileId).json().get("authUrl").asText()));
        URI forged =
                URI.create(ApiClient.callbackUrl(authorize).toString().replaceFirst("code=[^&]+", "code=AQforged"));

        Response page = ApiClient.browse(forged);

        assertThat(page.status()).isEqualTo(502);
        assertThat(page.body()).contains("instagram_rejected");
        assertThat(client.get("/v1/accounts").json().get("data")).isEmpty();
    }
}
