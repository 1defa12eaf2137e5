package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.TestKeys;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Instagram access token never leaves the server: no API answer carries it, in its body or its headers. */
class TokenSecrecyHttpTest extends SharedServerTest {

    @Test
    void noApiResponseContainsAnInstagramAccessToken() {
        ApiClient client = newWorkspace();
        String jane = client.createProfile("Jane");
        String joe = client.createProfile("Joe");
        String first = connect(client, jane);
        String second = connect(client, joe);
        String third = connect(client, jane);
        Set<String> tokens = instagram.issuedLongLivedTokens();
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(3);

        List<Response> responses = new ArrayList<>();
        responses.add(client.get("/v1/accounts"));
        responses.add(client.get("/v1/accounts?limit=1"));
        responses.add(client.get("/v1/accounts?limit=100&profileId=" + jane));
        responses.add(client.get("/v1/accounts/" + first));
        responses.add(client.get("/v1/accounts/" + second));
        responses.add(client.get("/v1/profiles"));
        responses.add(client.get("/v1/profiles/" + jane));
        responses.add(client.get("/v1/api-keys"));
        responses.add(client.post("/v1/api-keys", "{\"name\":\"another\"}"));
        responses.add(client.get("/v1/health"));
        responses.add(client.connect(jane));
        responses.add(client.get("/v1/accounts/acc_000000000000000000000000"));
        responses.add(client.raw("PUT", "/v1/accounts/" + first, "Authorization", "Bearer " + client.apiKey()));
        responses.add(client.get("/v1/nothing"));
        responses.add(newWorkspace().get("/v1/accounts/" + first));
        responses.add(server.anonymousClient()
                .withKey(TestKeys.ADMIN_TOKEN)
                .post("/admin/v1/workspaces", "{\"name\":\"x\"}"));
        responses.add(client.delete("/v1/accounts/" + third));
        responses.add(client.get("/v1/accounts"));

        for (Response r : responses) {
            String request =
                    r.raw().request().method() + " " + r.raw().request().uri().getPath();
            assertThat(r.status()).as(request).isLessThan(500);
            for (String token : tokens) {
                assertThat(r.body()).as("body of %s", request).doesNotContain(token);
                for (Map.Entry<String, List<String>> header :
                        r.raw().headers().map().entrySet()) {
                    assertThat(String.join("\n", header.getValue()))
                            .as("header %s of %s", header.getKey(), request)
                            .doesNotContain(token);
                }
            }
        }
    }

    @Test
    void theTokenIsNotStoredInPlaintext() throws SQLException {
        ApiClient client = newWorkspace();
        connect(client, client.createProfile("Jane"));
        Set<String> tokens = instagram.issuedLongLivedTokens();

        try (Connection c = server.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT * FROM plugkit_accounts")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    String value = rs.getString(i);
                    for (String token : tokens) {
                        assertThat(value == null ? "" : value)
                                .as(rs.getMetaData().getColumnName(i))
                                .doesNotContain(token);
                    }
                }
            }
        }
    }
}
