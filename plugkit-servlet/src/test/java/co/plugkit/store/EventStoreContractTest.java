package co.plugkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.AccountId;
import co.plugkit.id.ApiKeyId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.AccountConnection;
import co.plugkit.model.Actor;
import co.plugkit.model.ApiKey;
import co.plugkit.model.Event;
import co.plugkit.model.EventType;
import co.plugkit.model.Page;
import co.plugkit.model.Profile;
import co.plugkit.model.SealedToken;
import co.plugkit.model.Workspace;
import co.plugkit.provider.Platform;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import co.plugkit.testing.Concurrently;
import co.plugkit.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every store must do with events, on each database: a status change and its event commit together,
 * once per change, even when writers race; committed events reach the sink; Meta's deliveries are kept
 * once and processed under one lease.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventStoreContractTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123456Z");

    private TestDatabase database;
    private PlugKitStore store;
    private final List<Event> committed = new CopyOnWriteArrayList<>();
    private WorkspaceId workspace;
    private ProfileId profile;
    private String user;

    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void migrate() {
        database = openDatabase();
        JdbiPlugKitStore.migrate(database.dataSource());
        store = JdbiPlugKitStore.of(database.dataSource());
        store.events().afterCommit(committed::addAll);
    }

    @AfterAll
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void fresh() {
        workspace = newWorkspace();
        profile = newProfile(workspace);
        user = "1784" + Math.abs(workspace.value().hashCode());
        committed.clear();
    }

    private WorkspaceId newWorkspace() {
        return store.workspaces()
                .createIfAbsent(new Workspace(WorkspaceId.random(), "W", T0))
                .id();
    }

    private ProfileId newProfile(WorkspaceId ws) {
        Profile p = new Profile(ProfileId.random(), ws, "Jane", T0);
        store.profiles().insert(p);
        return p.id();
    }

    private AccountConnection connection(WorkspaceId ws, ProfileId p, String username) {
        return new AccountConnection(
                ws,
                p,
                Platform.INSTAGRAM,
                user,
                Optional.of("app-" + user),
                username,
                Optional.empty(),
                "BUSINESS",
                Optional.empty(),
                List.of("instagram_business_basic"),
                new SealedToken("k-test", "v1"),
                Optional.of(T0.plus(Duration.ofDays(60))),
                Optional.empty());
    }

    private List<Event> events(WorkspaceId ws, String type) {
        return store.events()
                .pageNewestFirst(ws, List.of(type), 100, Optional.empty())
                .items();
    }

    @Test
    void aFirstConnectionIsConnectedAndALaterOneReconnected() {
        Account a = store.accounts()
                .upsert(connection(workspace, profile, "jane"), AccountId.random(), T0, Actor.INSTAGRAM);
        store.accounts()
                .upsert(connection(workspace, profile, "jane2"), AccountId.random(), T0, Actor.apiKey("sk_1234abcd"));

        List<Event> connected = events(workspace, EventType.ACCOUNT_CONNECTED);
        assertThat(connected).hasSize(1);
        assertThat(connected.get(0).accountId()).contains(a.id());
        assertThat(connected.get(0).actor()).isEqualTo(Actor.INSTAGRAM);
        assertThat(connected.get(0).createdAt()).isEqualTo(T0);
        List<Event> reconnected = events(workspace, EventType.ACCOUNT_RECONNECTED);
        assertThat(reconnected).hasSize(1);
        assertThat(reconnected.get(0).actor().value()).isEqualTo("key:sk_1234abcd");
        assertThat(reconnected.get(0).data()).contains("\"username\":\"jane2\"");
        assertThat(committed)
                .extracting(Event::id)
                .containsExactly(connected.get(0).id(), reconnected.get(0).id());
    }

    @Test
    void racingFirstConnectionsMakeOneConnectedEvent() throws Exception {
        List<Callable<Account>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> store.accounts()
                    .upsert(connection(workspace, profile, "jane"), AccountId.random(), T0, Actor.INSTAGRAM));
        }
        Concurrently.run(8, tasks);
        assertThat(events(workspace, EventType.ACCOUNT_CONNECTED)).hasSize(1);
        assertThat(events(workspace, EventType.ACCOUNT_RECONNECTED)).hasSize(7);
    }

    @Test
    void deauthorizeReportsEachAccountOnceAcrossWorkspaces() {
        WorkspaceId other = newWorkspace();
        Account a = store.accounts().upsert(connection(workspace, profile, "jane"), AccountId.random(), T0);
        Account b = store.accounts().upsert(connection(other, newProfile(other), "jane"), AccountId.random(), T0);

        assertThat(store.accounts().disconnectUser(Platform.INSTAGRAM, "app-" + user, T0))
                .isEqualTo(2);
        store.accounts().disconnectUser(Platform.INSTAGRAM, user, T0);

        assertThat(events(workspace, EventType.ACCOUNT_DISCONNECTED))
                .singleElement()
                .satisfies(e -> assertThat(e.accountId()).contains(a.id()));
        assertThat(events(other, EventType.ACCOUNT_DISCONNECTED))
                .singleElement()
                .satisfies(e -> assertThat(e.accountId()).contains(b.id()));
    }

    @Test
    void deletionsAreOneEventEach() {
        Account a = store.accounts().upsert(connection(workspace, profile, "jane"), AccountId.random(), T0);
        assertThat(store.accounts().delete(workspace, a.id(), Actor.apiKey("sk_1234abcd"), T0))
                .isTrue();
        assertThat(store.accounts().delete(workspace, a.id(), Actor.apiKey("sk_1234abcd"), T0))
                .isFalse();
        assertThat(events(workspace, EventType.ACCOUNT_DISCONNECTED)).hasSize(1);

        Account b = store.accounts().upsert(connection(workspace, profile, "jane"), AccountId.random(), T0);
        assertThat(store.accounts().deleteUser(Platform.INSTAGRAM, user, T0)).isEqualTo(1);
        assertThat(store.accounts().deleteUser(Platform.INSTAGRAM, user, T0)).isZero();
        assertThat(events(workspace, EventType.ACCOUNT_DELETED)).singleElement().satisfies(e -> {
            assertThat(e.accountId()).contains(b.id());
            assertThat(e.data()).doesNotContain(user).doesNotContain("jane");
        });
    }

    @Test
    void expiredTokensAreOneNeedsReconnectEventEach() {
        Account a = store.accounts().upsert(connection(workspace, profile, "jane"), AccountId.random(), T0);
        Instant later = T0.plus(Duration.ofDays(61));
        store.refresh().markExpired(later);
        store.refresh().markExpired(later);
        assertThat(events(workspace, EventType.ACCOUNT_NEEDS_RECONNECT))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.accountId()).contains(a.id());
                    assertThat(e.data()).contains("token_expired");
                });
    }

    @Test
    void eventsPageNewestFirst() {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new NewEvent(
                    workspace, EventType.INSTAGRAM_MESSAGE, Optional.empty(), Actor.INSTAGRAM, "{\"n\":" + i + "}"));
        }
        List<Event> written = store.events().append(batch, T0);
        List<String> types = List.of(EventType.INSTAGRAM_MESSAGE);
        Page<Event> first = store.events().pageNewestFirst(workspace, types, 2, Optional.empty());
        assertThat(first.items()).extracting(Event::data).containsExactly("{\"n\":4}", "{\"n\":3}");
        Page<Event> second = store.events().pageNewestFirst(workspace, types, 10, first.next());
        assertThat(second.items()).extracting(Event::data).containsExactly("{\"n\":2}", "{\"n\":1}", "{\"n\":0}");
        assertThat(second.next()).isEmpty();
        assertThat(store.events().find(workspace, written.get(0).id())).contains(written.get(0));
        assertThat(store.events().find(newWorkspace(), written.get(0).id())).isEmpty();
    }

    @Test
    void metaDeliveriesAreKeptOnceAndProcessedUnderOneLease() throws Exception {
        String hash = (workspace.value() + "0".repeat(64)).substring(0, 64);
        assertThat(store.metaWebhooks().receive(hash, "{\"object\":\"instagram\"}", T0))
                .isTrue();
        assertThat(store.metaWebhooks().receive(hash, "{\"object\":\"instagram\"}", T0))
                .isFalse();

        Instant now = Instant.now().plusSeconds(3600); // after any delivery other tests left unprocessed
        List<Callable<List<MetaWebhookStore.Received>>> claims = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String owner = "owner-" + i;
            claims.add(() -> store.metaWebhooks().claim(now, owner, now.plusSeconds(60), 1000));
        }
        List<MetaWebhookStore.Received> all = Concurrently.run(4, claims).stream()
                .flatMap(List::stream)
                .filter(r -> r.body().equals("{\"object\":\"instagram\"}"))
                .toList();
        assertThat(all).as("claimed by exactly one owner").hasSize(1);
        MetaWebhookStore.Received claimed = all.get(0);
        String owner = Concurrently.run(4, claims).isEmpty() ? "" : ownerOf(claimed);
        NewEvent message =
                new NewEvent(workspace, EventType.INSTAGRAM_MESSAGE, Optional.empty(), Actor.INSTAGRAM, "{}");
        assertThat(store.metaWebhooks().complete(claimed, "someone-else", List.of(message), now))
                .isFalse();
        assertThat(store.metaWebhooks().complete(claimed, owner, List.of(message), now))
                .isTrue();
        assertThat(store.metaWebhooks().complete(claimed, owner, List.of(message), now))
                .isFalse();
        assertThat(events(workspace, EventType.INSTAGRAM_MESSAGE)).hasSize(1);
    }

    @Test
    void keyChangesAreOneAuditEventEachWithTheirActorAndNoSecret() {
        Actor caller = Actor.apiKey("sk_0a1b2c3d");
        String hash = (workspace.value() + "f".repeat(64)).substring(0, 64);
        ApiKey key = new ApiKey(ApiKeyId.random(), workspace, "ci", "sk_11112222", T0, Optional.empty());
        assertThat(store.workspaces().insertKey(key, hash, caller)).isTrue();
        ApiKey sameHash = new ApiKey(ApiKeyId.random(), workspace, "dup", "sk_11112222", T0, Optional.empty());
        assertThat(store.workspaces().insertKey(sameHash, hash, caller)).isFalse();

        String nextHash = (workspace.value() + "e".repeat(64)).substring(0, 64);
        ApiKey next = new ApiKey(ApiKeyId.random(), workspace, "ci", "sk_33334444", T0, Optional.empty());
        assertThat(store.workspaces().rollKey(workspace, key.id(), T0.plusSeconds(60), next, nextHash, Actor.SYSTEM))
                .isTrue();
        ApiKey third = new ApiKey(ApiKeyId.random(), workspace, "ci", "sk_55556666", T0, Optional.empty());
        assertThat(store.workspaces()
                        .rollKey(newWorkspace(), next.id(), T0, third, hash.replace('f', 'd'), Actor.SYSTEM))
                .isFalse();
        assertThat(store.workspaces().revokeKey(workspace, next.id(), T0, caller))
                .isTrue();
        assertThat(store.workspaces().revokeKey(workspace, next.id(), T0, caller))
                .isFalse();

        assertThat(events(workspace, EventType.API_KEY_CREATED)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(caller);
            assertThat(e.data()).contains(key.id().value(), "sk_11112222").doesNotContain(hash);
        });
        assertThat(events(workspace, EventType.API_KEY_ROLLED)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(Actor.SYSTEM);
            assertThat(e.data())
                    .contains(key.id().value(), next.id().value(), "sk_33334444")
                    .doesNotContain(hash)
                    .doesNotContain(nextHash);
        });
        assertThat(events(workspace, EventType.API_KEY_DELETED)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(caller);
            assertThat(e.data()).contains(next.id().value()).doesNotContain(nextHash);
        });
    }

    @Test
    void endpointChangesAreOneAuditEventEachWithoutTheSecretOrTheQuery() {
        Actor caller = Actor.apiKey("sk_0a1b2c3d");
        WebhookStore.Endpoint endpoint =
                endpoint(workspace, "we_" + workspace.value().substring(3), T0);
        store.webhooks().createEndpoint(endpoint, new SealedToken("k-test", "first-ciphertext"), caller);
        assertThat(store.webhooks()
                        .rollSecret(
                                workspace,
                                endpoint.id(),
                                new SealedToken("k-test", "second-ciphertext"),
                                T0.plusSeconds(60),
                                T0,
                                caller))
                .isTrue();
        assertThat(store.webhooks().deleteEndpoint(newWorkspace(), endpoint.id(), T0, caller))
                .isFalse();
        assertThat(store.webhooks().deleteEndpoint(workspace, endpoint.id(), T0, Actor.SYSTEM))
                .isTrue();
        assertThat(store.webhooks().deleteEndpoint(workspace, endpoint.id(), T0, Actor.SYSTEM))
                .isFalse();
        assertThat(store.webhooks()
                        .rollSecret(workspace, endpoint.id(), new SealedToken("k-test", "x"), T0, T0, caller))
                .isFalse();

        for (String type : List.of(
                EventType.WEBHOOK_ENDPOINT_CREATED,
                EventType.WEBHOOK_ENDPOINT_SECRET_ROLLED,
                EventType.WEBHOOK_ENDPOINT_DELETED)) {
            assertThat(events(workspace, type)).as(type).singleElement().satisfies(e -> {
                assertThat(e.data())
                        .contains(endpoint.id(), "\"url\":\"https://hooks.example.com/in\"")
                        .doesNotContain("ciphertext")
                        .doesNotContain("token=");
            });
        }
        assertThat(events(workspace, EventType.WEBHOOK_ENDPOINT_DELETED).get(0).actor())
                .isEqualTo(Actor.SYSTEM);
    }

    @Test
    void dueDeliveriesAreLeasedInBatchesEachToOneServerUntilTheLeaseEnds() {
        WebhookStore.Endpoint endpoint =
                endpoint(workspace, "we_" + workspace.value().substring(3), T0);
        store.webhooks().createEndpoint(endpoint, new SealedToken("k-test", "ciphertext"), Actor.SYSTEM);
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            batch.add(new NewEvent(
                    workspace, EventType.INSTAGRAM_MESSAGE, Optional.empty(), Actor.INSTAGRAM, "{\"n\":" + i + "}"));
        }
        store.events().append(batch, T0);
        Instant now = T0.plusSeconds(1);
        Instant leaseUntil = now.plusSeconds(300);

        // Three servers claim in turn until nothing is due; other tests' deliveries may be due too, so only
        // this workspace's are counted, but none of any workspace may be leased twice.
        java.util.Map<String, String> ownerOf = new java.util.HashMap<>();
        for (int round = 0; round < 20; round++) {
            boolean any = false;
            for (String owner : List.of("server-a", "server-b", "server-c")) {
                List<WebhookStore.Delivery> claimed = store.webhooks().claimDue(now, owner, leaseUntil, 50);
                assertThat(claimed).hasSizeLessThanOrEqualTo(50);
                for (WebhookStore.Delivery d : claimed) {
                    assertThat(ownerOf.put(d.id(), owner))
                            .as("leased twice: %s", d.id())
                            .isNull();
                }
                any |= !claimed.isEmpty();
            }
            if (!any) {
                break;
            }
        }
        assertThat(store.webhooks().deliveries(workspace, endpoint.id(), 100))
                .hasSize(70)
                .allSatisfy(d -> assertThat(ownerOf).containsKey(d.id()));
        assertThat(store.webhooks().claimDue(now, "server-d", leaseUntil, 50))
                .as("nothing is due while leased")
                .isEmpty();
        assertThat(store.webhooks().claimDue(leaseUntil.plusSeconds(1), "server-d", leaseUntil.plusSeconds(600), 500))
                .as("a lease that ran out frees its deliveries")
                .extracting(WebhookStore.Delivery::id)
                .containsAll(store.webhooks().deliveries(workspace, endpoint.id(), 100).stream()
                        .map(WebhookStore.DeliveryState::id)
                        .toList());
    }

    @Test
    void auditPagesAreNewestFirstOfTheGivenTypesInOneWorkspace() {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new NewEvent(
                    workspace, EventType.API_KEY_CREATED, Optional.empty(), Actor.SYSTEM, "{\"n\":" + i + "}"));
            batch.add(new NewEvent(
                    workspace, EventType.INSTAGRAM_MESSAGE, Optional.empty(), Actor.INSTAGRAM, "{\"m\":" + i + "}"));
        }
        WorkspaceId other = newWorkspace();
        batch.add(new NewEvent(other, EventType.API_KEY_CREATED, Optional.empty(), Actor.SYSTEM, "{\"n\":99}"));
        store.events().append(batch, T0);

        List<String> types = List.of(EventType.API_KEY_CREATED, EventType.API_KEY_DELETED);
        Page<Event> first = store.events().pageNewestFirst(workspace, types, 2, Optional.empty());
        assertThat(first.items()).extracting(Event::data).containsExactly("{\"n\":4}", "{\"n\":3}");
        Page<Event> second = store.events().pageNewestFirst(workspace, types, 2, first.next());
        assertThat(second.items()).extracting(Event::data).containsExactly("{\"n\":2}", "{\"n\":1}");
        Page<Event> last = store.events().pageNewestFirst(workspace, types, 2, second.next());
        assertThat(last.items()).extracting(Event::data).containsExactly("{\"n\":0}");
        assertThat(last.next()).isEmpty();
        assertThat(store.events()
                        .pageNewestFirst(other, types, 10, Optional.empty())
                        .items())
                .extracting(Event::data)
                .containsExactly("{\"n\":99}");
        assertThat(store.events()
                        .pageNewestFirst(workspace, List.of(), 10, Optional.empty())
                        .items())
                .isEmpty();
    }

    @Test
    void retentionDeletesOldEventsInBoundedBatchesButNotThoseWithPendingDeliveries() throws Exception {
        // Long before every other test's events (T0), so the deletion, which spans workspaces, takes only these.
        Instant old = Instant.parse("2001-01-01T00:00:00Z");
        Instant cutoff = old.plus(Duration.ofDays(1));
        NewEvent deliverable = new NewEvent(workspace, EventType.API_KEY_DELETED, Optional.empty(), Actor.SYSTEM, "{}");
        NewEvent undelivered = new NewEvent(workspace, EventType.WEBHOOK_TEST, Optional.empty(), Actor.SYSTEM, "{}");

        WebhookStore.Endpoint first =
                endpoint(workspace, "we_a" + workspace.value().substring(4), old);
        store.webhooks().createEndpoint(first, new SealedToken("k-test", "c"), Actor.SYSTEM);
        Event finished = store.events().append(List.of(deliverable), old).get(0);
        // Deleting the endpoint gives up its pending delivery: the event's delivery is finished (failed).
        store.webhooks().deleteEndpoint(workspace, first.id(), old, Actor.SYSTEM);
        WebhookStore.Endpoint second =
                endpoint(workspace, "we_b" + workspace.value().substring(4), old);
        store.webhooks().createEndpoint(second, new SealedToken("k-test", "c"), Actor.SYSTEM);
        Event pending = store.events().append(List.of(deliverable), old).get(0);
        Event plain = store.events().append(List.of(undelivered), old).get(0);
        Event recent = store.events()
                .append(List.of(deliverable), cutoff.plusSeconds(1))
                .get(0);
        assertThat(deliveriesOf(finished)).isEqualTo(1);
        assertThat(deliveriesOf(pending)).isEqualTo(1);

        assertThat(store.events().deleteOlderThan(cutoff, 1))
                .as("one batch of one")
                .isEqualTo(1);
        int rest = store.events().deleteOlderThan(cutoff, 1000);
        // finished, plain and the endpoints' own created/deleted events: 3 + 2 = 5 with the first batch
        assertThat(1 + rest).isEqualTo(5);
        assertThat(store.events().deleteOlderThan(cutoff, 1000)).isZero();

        assertThat(store.events().find(workspace, finished.id())).isEmpty();
        assertThat(deliveriesOf(finished))
                .as("its finished delivery went with it")
                .isZero();
        assertThat(store.events().find(workspace, plain.id())).isEmpty();
        assertThat(store.events().find(workspace, pending.id()))
                .as("pending delivery")
                .isPresent();
        assertThat(deliveriesOf(pending)).isEqualTo(1);
        assertThat(store.events().find(workspace, recent.id()))
                .as("within retention")
                .isPresent();
    }

    private static WebhookStore.Endpoint endpoint(WorkspaceId ws, String id, Instant at) {
        return new WebhookStore.Endpoint(
                id, ws, java.net.URI.create("https://hooks.example.com/in?token=host-secret"), Optional.empty(), at);
    }

    private int deliveriesOf(Event event) throws Exception {
        try (var c = database.dataSource().getConnection();
                var s = c.prepareStatement("SELECT count(*) FROM plugkit_webhook_deliveries WHERE event_id = ?")) {
            s.setString(1, event.id().value());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String ownerOf(MetaWebhookStore.Received r) throws Exception {
        try (var c = database.dataSource().getConnection();
                var s = c.prepareStatement("SELECT lease_owner FROM plugkit_meta_webhooks WHERE id = ?")) {
            s.setString(1, r.id());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
