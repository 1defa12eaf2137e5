package co.plugkit;

import static co.plugkit.testing.ApiAssertions.assertBadParameter;
import static co.plugkit.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.RawRequests;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfilesHttpTest extends SharedServerTest {

    @Test
    void createAnswers201WithTheProfile() {
        ApiClient client = newWorkspace();

        Response r = client.post("/v1/profiles", "{\"name\":\"Jane's bakery\"}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Content-Type")).get().asString().startsWith("application/json");
        JsonNode p = r.json();
        assertThat(p.get("id").asText()).matches("prof_[0-9a-z]+");
        assertThat(p.get("name").asText()).isEqualTo("Jane's bakery");
        assertThat(p.get("createdAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(p.size()).isEqualTo(3);
    }

    @Test
    void getReturnsWhatCreateReturned() {
        ApiClient client = newWorkspace();
        JsonNode created =
                client.post("/v1/profiles", "{\"name\":\"  Zoë 🍰  \"}").json();

        Response r = client.get("/v1/profiles/" + created.get("id").asText());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(created);
        assertThat(r.json().get("name").asText()).isEqualTo("Zoë 🍰");
    }

    @Test
    void aNameOf200CharactersIsAccepted() {
        ApiClient client = newWorkspace();
        String name = "n".repeat(200);

        Response r = client.post("/v1/profiles", "{\"name\":\"" + name + "\"}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(client.get("/v1/profiles/" + r.json().get("id").asText())
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"name\":null}",
                "{\"nome\":\"typo\"}",
                "{\"name\":\"\"}",
                "{\"name\":\"   \"}",
                "{\"name\":42}",
                "{\"name\":true}",
                "{\"name\":[\"a\"]}",
                "{\"name\":{\"first\":\"a\"}}",
            })
    void aMissingOrInvalidNameIsRefusedByName(String body) {
        ApiClient client = newWorkspace();

        assertBadParameter(client.post("/v1/profiles", body), "name");

        assertNoProfiles(client);
    }

    @Test
    void aNameOver200CharactersIsRefused() {
        ApiClient client = newWorkspace();

        assertBadParameter(client.post("/v1/profiles", "{\"name\":\"" + "n".repeat(201) + "\"}"), "name");

        assertNoProfiles(client);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "name=Jane",
                "{\"name\":\"Jane\"",
                "{name:\"Jane\"}",
                "{'name':'Jane'}",
                "[{\"name\":\"Jane\"}]",
                "\"Jane\"",
                "42",
                "null",
                "{\"name\":\"Jane\"}}",
                "{\"name\":\"Jane\"} {\"name\":\"Joe\"}",
                "{\"name\":\"Jane\"} trailing",
            })
    void aBodyThatIsNotOneJsonObjectIsRefused(String body) {
        ApiClient client = newWorkspace();

        Response r = client.post("/v1/profiles", body);

        assertError(r, 400, "invalid_json");
        assertNoProfiles(client);
    }

    @Test
    void aBodyThatIsNotUtf8JsonIsRefused() {
        ApiClient client = newWorkspace();
        byte[] latin1 = "{\"name\":\"Zo\u00eb\"}".getBytes(StandardCharsets.ISO_8859_1);

        Response r = send(client, "POST", "/v1/profiles", latin1, "application/json");

        assertThat(r.status()).isEqualTo(400);
        assertError(r, 400, r.json().get("error").get("code").asText());
        assertNoProfiles(client);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "text/json",
                "application/json-patch+json",
                "application/jsonx"
            })
    void aBodyOfAnotherContentTypeIsRefused(String contentType) {
        ApiClient client = newWorkspace();

        Response r = send(
                client, "POST", "/v1/profiles", "{\"name\":\"Jane\"}".getBytes(StandardCharsets.UTF_8), contentType);

        assertError(r, 415, "unsupported_media_type");
        assertNoProfiles(client);
    }

    @Test
    void jsonWithACharsetIsAccepted() {
        ApiClient client = newWorkspace();

        Response r = send(
                client,
                "POST",
                "/v1/profiles",
                "{\"name\":\"Jane\"}".getBytes(StandardCharsets.UTF_8),
                "application/json; charset=utf-8");

        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void aBodyOver64KiBIsRefused() {
        ApiClient client = newWorkspace();
        String body = "{\"name\":\"Jane\",\"padding\":\"" + "x".repeat(64 * 1024) + "\"}";

        Response r = client.post("/v1/profiles", body);

        assertError(r, 413, "body_too_large");
        assertNoProfiles(client);
        assertThat(client.get("/v1/profiles").status()).isEqualTo(200);
    }

    @Test
    void aBodyJustUnder64KiBIsAccepted() {
        ApiClient client = newWorkspace();
        String start = "{\"name\":\"Jane\",\"padding\":\"";
        String body = start + "x".repeat(64 * 1024 - start.length() - 2) + "\"}";
        assertThat(body.length()).isEqualTo(64 * 1024);

        assertThat(client.post("/v1/profiles", body).status()).isEqualTo(201);
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        ApiClient client = newWorkspace();

        for (String id : List.of(
                "prof_000000000000000000000000",
                "prof_",
                "PROF_abc",
                "acc_000000000000000000000000",
                "not-an-id",
                "%3Cscript%3E",
                "prof_" + "a".repeat(100))) {
            JsonNode error = assertError(client.get("/v1/profiles/" + id), 404, "profile_not_found");
            assertThat(error.get("message").asText()).doesNotContain("<script>");
        }
        assertError(client.get("/v1/profiles/prof_1/extra"), 404, "not_found");
    }

    @Test
    void listIsEmptyForANewWorkspace() {
        ApiClient client = newWorkspace();

        JsonNode list = client.get("/v1/profiles").json();

        assertThat(list.get("data")).isEmpty();
        assertThat(list.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void listPagesCoverEveryProfileExactlyOnceInCreationOrder() {
        ApiClient client = newWorkspace();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(client.createProfile("p" + i));
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Response page =
                    client.get("/v1/profiles?limit=3" + (cursor == null ? "" : "&cursor=" + ApiClient.encode(cursor)));
            assertThat(page.status()).isEqualTo(200);
            JsonNode data = page.json().get("data");
            pageSizes.add(data.size());
            data.forEach(p -> seen.add(p.get("id").asText()));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null && pageSizes.size() < 10);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        ApiClient client = newWorkspace();
        for (int i = 0; i < 4; i++) {
            client.createProfile("p" + i);
        }

        JsonNode first = client.get("/v1/profiles?limit=2").json();
        JsonNode second = client.get(
                        "/v1/profiles?limit=2&cursor=" + first.get("nextCursor").asText())
                .json();

        assertThat(second.get("data")).hasSize(2);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(client.get("/v1/profiles?limit=4").json().get("nextCursor").isNull())
                .isTrue();
    }

    @Test
    void theDefaultPageHoldsTwentyAndAHundredIsAllowed() {
        ApiClient client = newWorkspace();
        for (int i = 0; i < 21; i++) {
            client.createProfile("p" + i);
        }

        JsonNode defaultPage = client.get("/v1/profiles").json();
        assertThat(defaultPage.get("data")).hasSize(20);
        assertThat(defaultPage.get("nextCursor").isNull()).isFalse();
        assertThat(client.get("/v1/profiles?limit=100").json().get("data")).hasSize(21);
        assertThat(client.get("/v1/profiles?limit=1").json().get("data")).hasSize(1);
    }

    @Test
    void profilesCreatedWhilePagingAreNeitherSkippedNorRepeated() {
        ApiClient client = newWorkspace();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(client.createProfile("p" + i));
        }
        JsonNode first = client.get("/v1/profiles?limit=2").json();
        created.add(client.createProfile("late"));

        JsonNode second = client.get(
                        "/v1/profiles?limit=2&cursor=" + first.get("nextCursor").asText())
                .json();

        List<String> seen = new ArrayList<>();
        first.get("data").forEach(p -> seen.add(p.get("id").asText()));
        second.get("data").forEach(p -> seen.add(p.get("id").asText()));
        assertThat(seen).containsExactlyElementsOf(created);
    }

    static List<String> badCursors() {
        return List.of(
                "garbage",
                "%00",
                "!!!!",
                cursorOf("s1:-5"),
                cursorOf("s1:abc"),
                cursorOf("s1:"),
                cursorOf("x1:5"),
                cursorOf("5"),
                cursorOf("s1:" + "5".repeat(30)),
                cursorOf("s1:" + "0".repeat(60)));
    }

    @ParameterizedTest
    @MethodSource("badCursors")
    void aBadCursorIsRefusedByName(String cursor) {
        ApiClient client = newWorkspace();
        client.createProfile("p");

        assertBadParameter(client.get("/v1/profiles?cursor=" + ApiClient.encode(cursor)), "cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "99999999999", "10&limit=20"})
    void aBadLimitIsRefusedByName(String limit) {
        ApiClient client = newWorkspace();

        assertBadParameter(client.get("/v1/profiles?limit=" + limit), "limit");
    }

    @Test
    void otherMethodsAreNotAllowed() {
        ApiClient client = newWorkspace();
        String id = client.createProfile("Jane");
        String auth = "Bearer " + client.apiKey();

        assertError(client.raw("PUT", "/v1/profiles/" + id, "Authorization", auth), 405, "method_not_allowed");
        assertError(client.raw("PATCH", "/v1/profiles/" + id, "Authorization", auth), 405, "method_not_allowed");
        assertError(client.delete("/v1/profiles/" + id), 405, "method_not_allowed");
        assertError(client.delete("/v1/profiles"), 405, "method_not_allowed");
        assertError(client.post("/v1/profiles/" + id, "{\"name\":\"x\"}"), 405, "method_not_allowed");
        assertThat(client.get("/v1/profiles/" + id).json().get("name").asText()).isEqualTo("Jane");
    }

    private Response send(ApiClient client, String method, String path, byte[] body, String contentType) {
        return RawRequests.send(
                server.baseUrl(),
                method,
                path,
                body,
                "Content-Type",
                contentType,
                "Authorization",
                "Bearer " + client.apiKey());
    }

    private static void assertNoProfiles(ApiClient client) {
        assertThat(client.get("/v1/profiles").json().get("data")).isEmpty();
    }

    static String cursorOf(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }
}
