package co.plugkit.internal.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.internal.web.Json;
import co.plugkit.provider.ProviderException.Kind;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every response shape instagram-protocol.md §4–§8 lists, read into one normalised value. */
class InstagramResponsesTest {
    private final InstagramResponses responses = new InstagramResponses(Json.newMapper());

    @Test
    void flatCodeExchangeWithA17DigitNumericUserIdKeepsEveryDigit() throws Exception {
        ShortLivedToken token = responses.codeExchange(
                response(200, "{\"access_token\": \"IGAAOEcf\", \"user_id\": 27281358591558845}"));
        assertThat(token.userId()).isEqualTo("27281358591558845");
        assertThat(token.accessToken().reveal()).isEqualTo("IGAAOEcf");
        assertThat(token.permissions()).isEmpty();
    }

    @Test
    void documentedDataArrayShapeWithStringIdAndCommaSeparatedPermissions() throws Exception {
        ShortLivedToken token = responses.codeExchange(
                response(
                        200,
                        "{\"data\":[{\"access_token\":\"EAAC\","
                                + "\"user_id\":\"1020304050607080\",\"permissions\":\"instagram_business_basic,instagram_business_manage_messages\"}]}"));
        assertThat(token.userId()).isEqualTo("1020304050607080");
        assertThat(token.permissions())
                .contains(List.of("instagram_business_basic", "instagram_business_manage_messages"));
    }

    @Test
    void permissionsAsAnArrayOrSpaceSeparated() throws Exception {
        assertThat(responses
                        .codeExchange(
                                response(
                                        200,
                                        "{\"access_token\":\"a\",\"user_id\":1,\"permissions\":[\"instagram_business_basic\"]}"))
                        .permissions())
                .contains(List.of("instagram_business_basic"));
        assertThat(responses
                        .codeExchange(response(200, "{\"access_token\":\"a\",\"user_id\":1,\"permissions\":\"a b\"}"))
                        .permissions())
                .contains(List.of("a", "b"));
    }

    @Test
    void flatErrorEnvelopeOfTheCodeExchangeIsARejection() {
        assertThatThrownBy(() -> responses.codeExchange(response(
                        400,
                        "{\"error_type\": \"OAuthException\", \"code\": 400,"
                                + " \"error_message\": \"Matching code was not found or was already used\"}")))
                .isInstanceOfSatisfying(InstagramException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.error()).hasValueSatisfying(err -> {
                        assertThat(err.code()).isEqualTo(400);
                        assertThat(err.message()).contains("already used");
                    });
                });
    }

    @Test
    void graphErrorEnvelopeKeepsCodeAndSubcode() {
        assertThatThrownBy(
                        () -> responses.profile(
                                response(
                                        400,
                                        "{\"error\":{\"message\":\"Session has expired\","
                                                + "\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":463,\"fbtrace_id\":\"x\"}}")))
                .isInstanceOfSatisfying(InstagramException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.error().orElseThrow().subcode()).contains(463);
                    assertThat(e.getMessage()).contains("190/463");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 17, 32, 613, 80002})
    void throttlingAndTransientGraphErrorsMeanTryLater(int code) {
        assertThatThrownBy(() -> responses.longLived(response(
                        400, "{\"error\":{\"message\":\"later\",\"type\":\"OAuthException\",\"code\":" + code + "}}")))
                .isInstanceOfSatisfying(
                        InstagramException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    }

    @Test
    void serverErrorsAreUnavailableAndUnreadableBodiesAreMalformed() {
        assertThatThrownBy(() -> responses.longLived(response(502, "<html>Bad gateway</html>")))
                .isInstanceOfSatisfying(
                        InstagramException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThatThrownBy(() -> responses.longLived(response(200, "<html>hello</html>")))
                .isInstanceOfSatisfying(
                        InstagramException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
        assertThatThrownBy(() -> responses.longLived(response(200, "[1,2]")))
                .isInstanceOfSatisfying(
                        InstagramException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
        assertThatThrownBy(() -> responses.codeExchange(response(200, "{\"user_id\": 1}")))
                .isInstanceOfSatisfying(
                        InstagramException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
        assertThatThrownBy(() -> responses.codeExchange(response(200, "{\"access_token\": \"a\"}")))
                .isInstanceOfSatisfying(
                        InstagramException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
    }

    @Test
    void longLivedExchangeReadsExpiresInSeconds() throws Exception {
        LongLivedToken token = responses.longLived(
                response(200, "{\"access_token\":\"IGAAlong\",\"token_type\":\"bearer\",\"expires_in\":5183944}"));
        assertThat(token.expiresIn()).contains(Duration.ofSeconds(5183944));
        assertThatThrownBy(() -> responses.longLived(response(200, "{\"access_token\":\"x\",\"expires_in\":-5}")))
                .isInstanceOf(InstagramException.class);
        assertThatThrownBy(() -> responses.longLived(response(200, "{\"access_token\":\"x\",\"expires_in\":1.5}")))
                .isInstanceOf(InstagramException.class);
    }

    @Test
    void profileKeepsBothIdsAndFallsBackToIdWithoutUserId() throws Exception {
        InstagramProfile full = responses.profile(
                response(
                        200,
                        "{\"id\":\"27281358591558845\",\"user_id\":\"17841457215396811\","
                                + "\"username\":\"acme\",\"name\":\"Acme\",\"account_type\":\"Business\",\"profile_picture_url\":\"https://x\"}"));
        assertThat(full.userId()).isEqualTo("17841457215396811");
        assertThat(full.appScopedId()).contains("27281358591558845");
        assertThat(full.accountType()).isEqualTo("BUSINESS");
        assertThat(full.isProfessional()).isTrue();

        InstagramProfile idOnly = responses.profile(response(
                200, "{\"id\":\"17841457215396811\",\"username\":\"acme\",\"account_type\":\"MEDIA_CREATOR\"}"));
        assertThat(idOnly.userId()).isEqualTo("17841457215396811");
        assertThat(idOnly.name()).isEmpty();

        InstagramProfile wrapped = responses.profile(response(
                200, "{\"data\":[{\"user_id\":\"1784\",\"username\":\"acme\",\"account_type\":\"PERSONAL\"}]}"));
        assertThat(wrapped.userId()).isEqualTo("1784");
        assertThat(wrapped.isProfessional()).isFalse();
    }

    /** Audit finding 9: 9,999,999,999 s was stored as an expiry in the year 2343. */
    @ParameterizedTest
    @ValueSource(strings = {"9999999999", "99999999999999", "7776001"})
    void anUnbelievableLifetimeIsUnknownNotCenturies(String expiresIn) throws Exception {
        LongLivedToken token =
                responses.longLived(response(200, "{\"access_token\":\"IGAAlong\",\"expires_in\":" + expiresIn + "}"));
        assertThat(token.expiresIn()).isEmpty();
        assertThat(responses
                        .longLived(response(200, "{\"access_token\":\"IGAAlong\",\"expires_in\":7776000}"))
                        .expiresIn())
                .contains(Duration.ofDays(90));
    }

    /** Audit finding 1: values past what PlugKit stores failed the insert with a 500 that showed the SQL. */
    @Test
    void profileValuesOutOfBoundsAreRefusedOrShortenedNeverPassedOn() throws Exception {
        String base = "\"account_type\":\"BUSINESS\"";
        for (String bad : List.of(
                "{\"user_id\":\"1784\",\"username\":\"" + "u".repeat(150) + "\"," + base + "}",
                "{\"user_id\":\"" + "1".repeat(80) + "\",\"username\":\"acme\"," + base + "}",
                "{\"user_id\":\"17841a\",\"username\":\"acme\"," + base + "}",
                "{\"user_id\":\"1784\",\"id\":\"" + "2".repeat(40) + "\",\"username\":\"acme\"," + base + "}",
                "{\"user_id\":\"1784\",\"username\":\"ac\\nme\"," + base + "}",
                "{\"user_id\":\"1784\",\"username\":\"acme\",\"account_type\":\"" + "B".repeat(31) + "\"}")) {
            assertThatThrownBy(() -> responses.profile(response(200, bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InstagramException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
        }
        InstagramProfile long_ = responses.profile(response(
                200,
                "{\"user_id\":\"1784\",\"username\":\"acme\",\"name\":\"" + "n".repeat(400)
                        + "\",\"profile_picture_url\":\"https://x/" + "p".repeat(3000) + "\"," + base + "}"));
        assertThat(long_.name()).hasValueSatisfying(n -> assertThat(n).hasSize(300));
        assertThat(long_.profilePictureUrl()).isEmpty();
    }

    @Test
    void aTokenLongerThanPlugKitStoresIsUnusable() throws Exception {
        String huge = "IGAA" + "x".repeat(InstagramResponses.MAX_TOKEN_CHARS);
        assertThatThrownBy(() -> responses.longLived(
                        response(200, "{\"access_token\":\"" + huge + "\",\"expires_in\":5183944}")))
                .isInstanceOfSatisfying(InstagramException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
                    assertThat(e.getMessage()).doesNotContain("IGAA");
                });
        String fine = "IGAA" + "x".repeat(3500);
        assertThat(responses
                        .longLived(response(200, "{\"access_token\":\"" + fine + "\",\"expires_in\":5183944}"))
                        .accessToken()
                        .reveal())
                .isEqualTo(fine);
    }

    /** Audit finding 4: an upstream error text goes into log lines, so it cannot carry a line break. */
    @Test
    void errorTextFromInstagramCannotBreakALogLine() {
        assertThatThrownBy(
                        () -> responses.profile(
                                response(
                                        400,
                                        "{\"error\":{\"message\":\"bad\\r\\n2026-01-01 INFO admin logged in\",\"type\":\"OAuth\\nException\",\"code\":100}}")))
                .isInstanceOfSatisfying(InstagramException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
                    assertThat(e.error().orElseThrow().message())
                            .doesNotContain("\n")
                            .contains("\\r\\n2026-01-01 INFO admin logged in");
                });
    }

    @Test
    void noMessageRepeatsTheBody() {
        assertThatThrownBy(() ->
                        responses.codeExchange(response(200, "{\"access_token\": 12345, \"user_id\": \"IGAAsecret\"}")))
                .isInstanceOfSatisfying(
                        InstagramException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("IGAAsecret"));
    }

    private static HTTPResponse response(int status, String body) {
        HTTPResponse r = new HTTPResponse(status);
        r.setBody(body);
        return r;
    }
}
