package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.Eventually;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MetaSignedRequests;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/audit-events} over real HTTP: every change to keys, accounts and webhook endpoints is one
 * entry with the actor that caused it, newest first, paged without gaps or repeats, confined to the
 * caller's workspace, holding no secret; and retention deletes old entries except those whose webhook
 * deliveries are still pending.
 */
class AuditEventsHttpTest {
    private static final String JANE = "17841400000000001";
    private static final String JIM = "17841400000000002";
    private static final Pattern FULL_KEY = Pattern.compile("sk_[0-9a-f]{64}");

    private MutableClock clock;
    private FakeInstagram instagram;
    private WebhookReceiver receiver;
    private PlugKitServer server;
    private ApiClient acme;
    private ApiClient globex;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        receiver = new WebhookReceiver();
        server = PlugKitServer.start(
                instagram, clock, PlugKitServer.h2InMemory(), "", b -> b.webhooksAllowPrivateTargets(true));
        acme = server.newWorkspaceClient("Acme");
        globex = server.newWorkspaceClient("Globex");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        receiver.close();
        instagram.close();
    }

    /** One entry as the test compares it: what happened, who did it, to which account. */
    private record Entry(String type, String actor, String accountId) {}

    private static String actorOf(ApiClient client) {
        return "key:" + client.apiKey().substring(0, 11);
    }

    /** Every entry of the client's workspace, newest first, read in pages of {@code limit}. */
    private static List<JsonNode> allEntries(ApiClient client, int limit, List<String> bodies) {
        List<JsonNode> entries = new ArrayList<>();
        String path = "/v1/audit-events?limit=" + limit;
        for (int page = 0; page < 100; page++) {
            Response r = client.get(path);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            bodies.add(r.body());
            JsonNode json = r.json();
            assertThat(json.get("data").size()).isLessThanOrEqualTo(limit);
            json.get("data").forEach(entries::add);
            if (json.get("nextCursor").isNull()) {
                return entries;
            }
            path = "/v1/audit-events?limit=" + limit + "&cursor="
                    + ApiClient.encode(json.get("nextCursor").asText());
        }
        throw new AssertionError("more than 100 pages");
    }

    private static List<Entry> entries(List<JsonNode> nodes) {
        return nodes.stream()
                .map(n -> new Entry(
                        n.get("type").asText(),
                        n.get("actor").asText(),
                        n.get("accountId").isNull() ? null : n.get("accountId").asText()))
                .toList();
    }

    private String connect(ApiClient client, String user, String username, String profileId) {
        instagram.approveAs(IgAccount.business(user, username));
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).status())
                .isEqualTo(200);
        return client.get("/v1/accounts?profileId=" + profileId)
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asText();
    }

    private void metaCallback(String path, String user) {
        Response r =
                server.anonymousClient().send("POST", path, MetaSignedRequests.FORM, MetaSignedRequests.form(user));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void everyChangeIsOneEntryWithItsActorNewestFirstAndNoSecret() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(acme.apiKey()));
        String byAcme = actorOf(acme);

        // Keys: created and rolled by acme's key; the rolled-in key deletes itself.
        Response created = acme.post("/v1/api-keys", "{\"name\":\"ci\"}");
        assertThat(created.status()).isEqualTo(201);
        secrets.add(created.json().get("key").asText());
        Response rolled =
                acme.post("/v1/api-keys/" + created.json().get("id").asText() + "/roll", "{\"gracePeriodSeconds\":0}");
        assertThat(rolled.status()).isEqualTo(201);
        ApiClient ci = acme.withKey(rolled.json().get("key").asText());
        secrets.add(ci.apiKey());
        assertThat(ci.delete("/v1/api-keys/" + rolled.json().get("id").asText()).status())
                .isEqualTo(204);

        // Accounts: jane connected twice, then disconnected by acme's key; jim connected, his token expires,
        // Meta deauthorizes him and then deletes his data.
        String janeProfile = acme.createProfile("Jane");
        String jane = connect(acme, JANE, "jane", janeProfile);
        assertThat(connect(acme, JANE, "jane_again", janeProfile)).isEqualTo(jane);
        assertThat(acme.delete("/v1/accounts/" + jane).status()).isEqualTo(204);
        String jim = connect(acme, JIM, "jim", acme.createProfile("Jim"));
        server.plugKit().refreshTokensNow();
        clock.advance(Duration.ofDays(61));
        instagram.failNext(FakeInstagram.Endpoint.REFRESH, FakeInstagram.Fault.SERVER_ERROR);
        server.plugKit().refreshTokensNow();
        server.plugKit().refreshTokensNow();
        assertThat(acme.get("/v1/accounts/" + jim).json().get("status").asText())
                .isEqualTo("needs_reconnect");
        metaCallback("/v1/connect/instagram/deauthorize", JIM);
        metaCallback("/v1/connect/instagram/data-deletion", JIM);
        secrets.addAll(instagram.issuedLongLivedTokens());

        // Webhook endpoints: created, secret rolled, deleted, all by acme's key. The host's own token in the
        // URL's query is not the audit log's to keep.
        Response endpoint =
                acme.post("/v1/webhook-endpoints", "{\"url\":\"" + receiver.url() + "?token=host-own-secret\"}");
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        String endpointId = endpoint.json().get("id").asText();
        secrets.add(endpoint.json().get("secret").asText());
        Response rolledSecret = acme.post("/v1/webhook-endpoints/" + endpointId + "/roll-secret", "{}");
        secrets.add(rolledSecret.json().get("secret").asText());
        assertThat(acme.delete("/v1/webhook-endpoints/" + endpointId).status()).isEqualTo(204);

        List<String> bodies = new ArrayList<>();
        List<JsonNode> paged = allEntries(acme, 3, bodies);
        String byCi = actorOf(ci);
        assertThat(entries(paged))
                .containsExactly(
                        new Entry("webhook_endpoint.deleted", byAcme, null),
                        new Entry("webhook_endpoint.secret_rolled", byAcme, null),
                        new Entry("webhook_endpoint.created", byAcme, null),
                        new Entry("account.deleted", "meta", jim),
                        new Entry("account.disconnected", "meta", jim),
                        new Entry("account.needs_reconnect", "system", jim),
                        new Entry("account.connected", "instagram", jim),
                        new Entry("account.disconnected", byAcme, jane),
                        new Entry("account.reconnected", "instagram", jane),
                        new Entry("account.connected", "instagram", jane),
                        new Entry("api_key.deleted", byCi, null),
                        new Entry("api_key.rolled", byAcme, null),
                        new Entry("api_key.created", byAcme, null),
                        new Entry("api_key.created", "system", null));

        // One page holds the same entries as the small pages: none skipped, none repeated.
        List<JsonNode> whole = allEntries(acme, 100, new ArrayList<>());
        assertThat(whole).hasSize(14);
        assertThat(paged)
                .extracting(n -> n.get("id").asText())
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(
                        whole.stream().map(n -> n.get("id").asText()).toList());
        // Times never go up as the list goes down.
        for (int i = 1; i < whole.size(); i++) {
            assertThat(whole.get(i).get("createdAt").asText())
                    .isLessThanOrEqualTo(whole.get(i - 1).get("createdAt").asText());
        }

        JsonNode roll = whole.get(11);
        assertThat(roll.get("data").get("apiKeyId").asText())
                .isEqualTo(created.json().get("id").asText());
        assertThat(roll.get("data").get("newApiKeyId").asText())
                .isEqualTo(rolled.json().get("id").asText());
        assertThat(roll.get("data").get("newPrefix").asText())
                .isEqualTo(rolled.json().get("prefix").asText());
        assertThat(whole.get(0).get("data").get("url").asText())
                .isEqualTo(receiver.url().toString());

        for (String body : bodies) {
            for (String secret : secrets) {
                assertThat(body).doesNotContain(secret);
            }
            assertThat(body).doesNotContain("whsec_").doesNotContain("host-own-secret");
            assertThat(FULL_KEY.matcher(body).find())
                    .as("a whole API key in " + body)
                    .isFalse();
        }
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void eachWorkspaceSeesOnlyItsOwnEntries() {
        Response key = acme.post("/v1/api-keys", "{\"name\":\"acme-ci\"}");
        String acmeProfile = acme.createProfile("Jane");
        String acmeAccount = connect(acme, JANE, "jane", acmeProfile);

        List<JsonNode> globexEntries = allEntries(globex, 100, new ArrayList<>());
        assertThat(entries(globexEntries)).containsExactly(new Entry("api_key.created", "system", null));
        String globexBody = globex.get("/v1/audit-events").body();
        assertThat(globexBody)
                .doesNotContain(key.json().get("id").asText())
                .doesNotContain(acmeAccount)
                .doesNotContain(acmeProfile)
                .doesNotContain("acme-ci");

        // An acme cursor does not open acme's list to globex: it only positions globex's own.
        Response acmePage = acme.get("/v1/audit-events?limit=1");
        String cursor = acmePage.json().get("nextCursor").asText();
        Response globexWithAcmeCursor = globex.get("/v1/audit-events?cursor=" + ApiClient.encode(cursor));
        assertThat(globexWithAcmeCursor.status()).isEqualTo(200);
        assertThat(globexWithAcmeCursor.body()).doesNotContain(acmeAccount).doesNotContain("acme-ci");

        assertThat(acme.get("/v1/audit-events?cursor=" + ApiClient.encode(cursor.substring(1)))
                        .status())
                .isEqualTo(400);
        assertThat(server.anonymousClient().get("/v1/audit-events").status()).isEqualTo(401);
    }

    @Test
    void retentionDeletesOldEntriesButKeepsThoseWithPendingDeliveries() {
        // An endpoint that takes only key deletions, and is down: that delivery stays pending.
        receiver.down();
        Response endpoint = acme.post(
                "/v1/webhook-endpoints", "{\"url\":\"" + receiver.url() + "\",\"events\":[\"api_key.deleted\"]}");
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        String endpointId = endpoint.json().get("id").asText();
        Response created = acme.post("/v1/api-keys", "{\"name\":\"short-lived\"}");
        assertThat(acme.delete("/v1/api-keys/" + created.json().get("id").asText())
                        .status())
                .isEqualTo(204);
        Eventually.until(Duration.ofSeconds(30), "the delivery's first attempt failed", () -> {
            JsonNode deliveries = acme.get("/v1/webhook-endpoints/" + endpointId + "/deliveries")
                    .json()
                    .get("data");
            return deliveries.size() == 1
                    && deliveries.get(0).get("attempts").size() >= 1
                    && deliveries.get(0).get("status").asText().equals("pending");
        });
        assertThat(entries(allEntries(acme, 100, new ArrayList<>())))
                .extracting(Entry::type)
                .containsExactly("api_key.deleted", "api_key.created", "webhook_endpoint.created", "api_key.created");

        // 89 days on, nothing is old enough; at 91, all but the entry whose delivery is pending go.
        clock.advance(Duration.ofDays(89));
        assertThat(server.plugKit().deleteExpiredEventsNow()).isZero();
        clock.advance(Duration.ofDays(2));
        String recentKey = globex.post("/v1/api-keys", "{\"name\":\"recent\"}")
                .json()
                .get("id")
                .asText();
        assertThat(server.plugKit().deleteExpiredEventsNow()).isEqualTo(3 + 1); // acme's 3, globex's first key
        assertThat(entries(allEntries(acme, 100, new ArrayList<>())))
                .extracting(Entry::type)
                .containsExactly("api_key.deleted");
        assertThat(globex.get("/v1/audit-events").body()).contains(recentKey);

        // Once the delivery succeeds, its event goes too.
        receiver.up();
        String deliveryId = acme.get("/v1/webhook-endpoints/" + endpointId + "/deliveries")
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asText();
        assertThat(acme.post("/v1/webhook-endpoints/deliveries/" + deliveryId + "/retry", "{}")
                        .status())
                .isEqualTo(202);
        Eventually.until(
                Duration.ofSeconds(30),
                "the delivery succeeded",
                () -> acme.get("/v1/webhook-endpoints/" + endpointId + "/deliveries")
                        .json()
                        .get("data")
                        .get(0)
                        .get("status")
                        .asText()
                        .equals("succeeded"));
        assertThat(server.plugKit().deleteExpiredEventsNow()).isEqualTo(1);
        assertThat(acme.get("/v1/audit-events").json().get("data")).isEmpty();
        assertThat(acme.get("/v1/webhook-endpoints/" + endpointId + "/deliveries")
                        .json()
                        .get("data"))
                .as("the delivery went with its event")
                .isEmpty();
    }
}
