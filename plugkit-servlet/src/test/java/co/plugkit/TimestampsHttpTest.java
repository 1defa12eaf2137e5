package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Timestamps are ISO-8601 UTC and an object shows the same ones whenever it is read, also on a clock
 * finer than the database's microseconds (the system clock of Java 17 on Linux has nanoseconds).
 */
class TimestampsHttpTest extends SharedServerTest {
    private static final Instant START = Instant.parse("2026-11-28T10:00:00.123456789Z");

    @Override
    protected MutableClock newClock() {
        return new MutableClock(START);
    }

    @Test
    void aProfileShowsTheSameCreatedAtWhenCreatedAndWhenRead() {
        ApiClient client = newWorkspace();

        JsonNode created = client.post("/v1/profiles", "{\"name\":\"Jane\"}").json();

        String createdAt = created.get("createdAt").asText();
        assertThat(Instant.parse(createdAt)).isBetween(START.minusNanos(1000), START);
        assertThat(client.get("/v1/profiles/" + created.get("id").asText())
                        .json()
                        .get("createdAt")
                        .asText())
                .isEqualTo(createdAt);
        assertThat(client.get("/v1/profiles")
                        .json()
                        .get("data")
                        .get(0)
                        .get("createdAt")
                        .asText())
                .isEqualTo(createdAt);
    }

    @Test
    void anApiKeyShowsTheSameCreatedAtWhenCreatedAndWhenListed() {
        ApiClient client = newWorkspace();

        JsonNode created = client.post("/v1/api-keys", "{\"name\":\"CI\"}").json();

        String id = created.get("id").asText();
        for (JsonNode k : client.get("/v1/api-keys").json().get("data")) {
            if (k.get("id").asText().equals(id)) {
                assertThat(k.get("createdAt").asText())
                        .isEqualTo(created.get("createdAt").asText());
                return;
            }
        }
        throw new AssertionError("key not listed");
    }

    @Test
    void anAccountShowsTheSameTimestampsInTheListAndAlone() {
        ApiClient client = newWorkspace();
        String accountId = connect(client, client.createProfile("Jane"));

        JsonNode alone = client.get("/v1/accounts/" + accountId).json();

        // Without `webhooks`: the subscription to Meta's webhooks runs after the connect, off the request, and
        // may change it between the two reads.
        assertThat(((ObjectNode) client.get("/v1/accounts").json().get("data").get(0)).<JsonNode>without("webhooks"))
                .isEqualTo(((ObjectNode) alone.deepCopy()).<JsonNode>without("webhooks"));
        for (String field : new String[] {"connectedAt", "updatedAt", "tokenExpiresAt"}) {
            assertThat(alone.get(field).asText()).as(field).endsWith("Z");
            assertThat(Instant.parse(alone.get(field).asText())).isNotNull();
        }
    }
}
