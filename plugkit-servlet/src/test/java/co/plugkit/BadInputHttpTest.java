package co.plugkit;

import static co.plugkit.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.RawRequests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx in the error envelope, never a 500, whichever route and parameter it hits. */
class BadInputHttpTest extends SharedServerTest {
    private static final List<String> QUERY_ROUTES = List.of(
            "/v1/accounts?profileId=",
            "/v1/accounts?limit=",
            "/v1/accounts?cursor=",
            "/v1/profiles?limit=",
            "/v1/profiles?cursor=",
            "/v1/connect/instagram?profileId=");

    @Test
    void aQueryValueThatIsNotUtf8IsA400() {
        ApiClient client = newWorkspace();

        for (String route : QUERY_ROUTES) {
            for (String value : List.of("%ff", "%c3%28", "prof_%80")) {
                assertError(client.get(route + value), 400, "invalid_query");
            }
        }
    }

    @Test
    void aQueryWithBrokenPercentEncodingIsA400() throws IOException {
        ApiClient client = newWorkspace();

        for (String route : QUERY_ROUTES) {
            for (String value : List.of("%zz", "%", "%4")) {
                RawAnswer answer = rawGet(route + value, client.apiKey());
                assertThat(answer.status()).as(route + value).isEqualTo(400);
                assertThat(answer.json().get("error").get("code").asText()).isEqualTo("invalid_query");
            }
        }
    }

    @Test
    void anUnrelatedBrokenParameterAlsoGetsA400NotA500() throws IOException {
        ApiClient client = newWorkspace();

        RawAnswer answer = rawGet("/v1/profiles?limit=5&utm_source=%zz", client.apiKey());

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void anOversizedBodyGetsItsAnswerNotABrokenConnection() {
        ApiClient client = newWorkspace();
        String bigJson = "{\"name\":\"" + "n".repeat(900_000) + "\"}";
        byte[] bigForm = ("signed_request=" + "a".repeat(600_000)).getBytes(StandardCharsets.US_ASCII);

        // Repeated because the failure this guards against (a reset that swallows the 413) is a race.
        for (int i = 0; i < 20; i++) {
            assertError(client.post("/v1/profiles", bigJson), 413, "body_too_large");
            assertError(
                    RawRequests.send(
                            server.baseUrl(),
                            "POST",
                            "/v1/connect/instagram/deauthorize",
                            bigForm,
                            "Content-Type",
                            "application/x-www-form-urlencoded"),
                    413,
                    "body_too_large");
        }
        assertThat(client.get("/v1/profiles").json().get("data")).isEmpty();
    }

    private record RawAnswer(int status, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }
    }

    /** A GET sent byte for byte, for request targets that java.net.URI refuses to build. */
    private RawAnswer rawGet(String target, String apiKey) throws IOException {
        try (Socket socket =
                new Socket(server.baseUrl().getHost(), server.baseUrl().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + apiKey
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new RawAnswer(status, answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }
}
