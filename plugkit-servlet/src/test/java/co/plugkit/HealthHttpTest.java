package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient.Response;
import org.junit.jupiter.api.Test;

class HealthHttpTest extends SharedServerTest {

    @Test
    void answersOkWithoutAKey() {
        Response r = server.anonymousClient().get("/v1/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).get().asString().startsWith("application/json");
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
        assertThat(r.json().get("database").asText()).isEqualTo("up");
    }

    @Test
    void ignoresAnyKeySent() {
        Response r = server.anonymousClient().withKey("sk_not-a-key").get("/v1/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void answersHeadForLoadBalancerProbes() {
        Response r = server.anonymousClient().raw("HEAD", "/v1/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }
}
