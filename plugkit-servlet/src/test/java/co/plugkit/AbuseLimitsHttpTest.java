package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.secret.ApiKeySecret;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.BoundClient;
import co.plugkit.testing.BoundClient.Reply;
import co.plugkit.testing.CapturedLogs;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.SwitchableDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits on failed authentications (per client address, per key prefix) and on requests per key,
 * over real HTTP: requests from 127.0.0.2 and 127.0.0.3 come from sockets bound to those loopback
 * addresses, so PlugKit sees three different clients.
 */
class AbuseLimitsHttpTest {
    private final MutableClock clock = MutableClock.startingNow();
    private FakeInstagram instagram;
    private SwitchableDataSource database;
    private PlugKitServer server;

    private void start(UnaryOperator<PlugKitConfigBuilder> limits) {
        instagram = new FakeInstagram(clock);
        database = new SwitchableDataSource(PlugKitServer.h2InMemory());
        server = PlugKitServer.start(instagram, clock, database, "", limits);
    }

    private void startWithDefaultLimits() {
        PlugKitConfigBuilder defaults = PlugKitConfig.builder();
        start(b -> b.authFailuresPerMinute(defaults.authFailuresPerMinute)
                .authFailuresPerMinutePerKey(defaults.authFailuresPerMinutePerKey)
                .requestsPerMinutePerKey(defaults.requestsPerMinutePerKey));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (instagram != null) {
            instagram.close();
        }
    }

    @Test
    void aThousandBadKeysFromOneAddressAre429AfterTheThresholdAndOtherAddressesAreUnaffected() {
        startWithDefaultLimits();
        ApiClient good = server.newWorkspaceClient("Acme");
        BoundClient attacker = new BoundClient("127.0.0.2", server.baseUrl());
        List<Integer> statuses = new ArrayList<>();
        List<String> retryAfters = new ArrayList<>();

        try (CapturedLogs logs = new CapturedLogs()) {
            for (int i = 0; i < 1_000; i++) {
                // Distinct, well-formed, correctly checksummed keys: each would need a database lookup.
                String bad = ApiKeySecret.generate().reveal();
                Reply r = attacker.get("/v1/profiles", bad);
                statuses.add(r.status());
                if (r.status() == 429) {
                    retryAfters.add(r.header("Retry-After").orElse("(none)"));
                    assertThat(r.body()).contains("\"too_many_failed_authentications\"");
                    assertThat(r.body()).doesNotContain(bad).doesNotContain(bad.substring(0, 11));
                }
            }

            assertThat(statuses.subList(0, 20)).containsOnly(401);
            assertThat(statuses.subList(20, 1_000)).hasSize(980).containsOnly(429);
            // 20 a minute refill greedily, one every 3 seconds; the clock stands still.
            assertThat(retryAfters).hasSize(980).containsOnly("3");
            List<String> warnings = logs.messages().stream()
                    .filter(m -> m.startsWith("Security:"))
                    .toList();
            assertThat(warnings).hasSize(21).allMatch(m -> m.contains("127.0.0.2"));
            assertThat(warnings).anyMatch(m -> m.contains("unknown or revoked API key"));
            assertThat(warnings).anyMatch(m -> m.contains("too many failed authentications from 127.0.0.2"));
            assertThat(String.join("\n", logs.lines())).doesNotContain("sk_");
        }

        // Another address is not limited: its bad key is a 401, its good key works.
        BoundClient neighbour = new BoundClient("127.0.0.3", server.baseUrl());
        assertThat(neighbour
                        .get("/v1/profiles", ApiKeySecret.generate().reveal())
                        .status())
                .isEqualTo(401);
        assertThat(neighbour.get("/v1/profiles", good.apiKey()).status()).isEqualTo(200);
        assertThat(good.get("/v1/profiles").status()).isEqualTo(200);

        // A good key from the blocked address is refused too (its lookup is what the limit saves) until
        // the bucket refills: one more attempt every 3 seconds.
        Reply blocked = attacker.get("/v1/profiles", good.apiKey());
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).contains("3");
        clock.advance(Duration.ofSeconds(3));
        assertThat(attacker.get("/v1/profiles", good.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void retryAfterFollowsTheInjectedClock() {
        start(b -> b.authFailuresPerMinute(2).authFailuresPerMinutePerKey(0));
        BoundClient client = new BoundClient("127.0.0.2", server.baseUrl());
        assertThat(client.get("/v1/profiles", null).status()).isEqualTo(401);
        assertThat(client.get("/v1/profiles", "sk_nonsense").status()).isEqualTo(401);

        Reply first = client.get("/v1/profiles", null);
        assertThat(first.status()).isEqualTo(429);
        assertThat(first.header("Retry-After")).contains("30"); // 2 a minute: one token every 30 s

        clock.advance(Duration.ofSeconds(29));
        Reply later = client.get("/v1/profiles", null);
        assertThat(later.status()).isEqualTo(429);
        assertThat(later.header("Retry-After")).contains("1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(client.get("/v1/profiles", null).status()).isEqualTo(401);
        assertThat(client.get("/v1/profiles", null).status()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(1)); // a full bucket again: two more failures allowed
        assertThat(client.get("/v1/profiles", null).status()).isEqualTo(401);
        assertThat(client.get("/v1/profiles", null).status()).isEqualTo(401);
        assertThat(client.get("/v1/profiles", null).status()).isEqualTo(429);
    }

    @Test
    void onceAnAddressIsBlockedItsKeysAreNotLookedUp() {
        start(b -> b.authFailuresPerMinute(3).authFailuresPerMinutePerKey(0));
        BoundClient client = new BoundClient("127.0.0.2", server.baseUrl());
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/v1/profiles", ApiKeySecret.generate().reveal())
                            .status())
                    .isEqualTo(401);
        }
        database.down();
        try {
            // Blocked before the lookup: 429, not the 503 a lookup against the stopped database would give.
            assertThat(client.get("/v1/profiles", ApiKeySecret.generate().reveal())
                            .status())
                    .isEqualTo(429);
            // The control: a client that is not blocked does reach the database.
            assertThat(new BoundClient("127.0.0.3", server.baseUrl())
                            .get("/v1/profiles", ApiKeySecret.generate().reveal())
                            .status())
                    .isEqualTo(503);
        } finally {
            database.up();
        }
    }

    @Test
    void failuresWithOneKeyPrefixAreLimitedAcrossAddresses() {
        start(b -> b.authFailuresPerMinute(0).authFailuresPerMinutePerKey(4));
        String leaked = ApiKeySecret.generate().reveal();
        for (int i = 0; i < 4; i++) {
            assertThat(new BoundClient("127.0.0." + (2 + i), server.baseUrl())
                            .get("/v1/profiles", leaked)
                            .status())
                    .isEqualTo(401);
        }
        Reply limited = new BoundClient("127.0.0.9", server.baseUrl()).get("/v1/profiles", leaked);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).contains("15");
        // Other keys, from the same addresses, are not affected.
        assertThat(new BoundClient("127.0.0.9", server.baseUrl())
                        .get("/v1/profiles", ApiKeySecret.generate().reveal())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theLimitsCanBeTurnedOff() {
        start(b -> b.authFailuresPerMinute(0).authFailuresPerMinutePerKey(0));
        BoundClient client = new BoundClient("127.0.0.2", server.baseUrl());
        for (int i = 0; i < 100; i++) {
            assertThat(client.get("/v1/profiles", "sk_bad").status()).isEqualTo(401);
        }
    }

    @Test
    void aPerKeyRequestRateIsOffByDefaultAndLimitsOneKeyWhenSet() {
        startWithDefaultLimits();
        ApiClient unlimited = server.newWorkspaceClient("Acme");
        for (int i = 0; i < 50; i++) {
            assertThat(unlimited.get("/v1/profiles").status()).isEqualTo(200);
        }
        stopQuietly();

        start(b -> b.requestsPerMinutePerKey(5));
        ApiClient limited = server.newWorkspaceClient("Acme");
        ApiClient other = server.newWorkspaceClient("Other");
        for (int i = 0; i < 5; i++) {
            assertThat(limited.get("/v1/profiles").status()).isEqualTo(200);
        }
        ApiClient.Response r = limited.get("/v1/profiles");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("rate_limited");
        assertThat(r.header("Retry-After")).contains("12");
        assertThat(other.get("/v1/profiles").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(12));
        assertThat(limited.get("/v1/profiles").status()).isEqualTo(200);
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
