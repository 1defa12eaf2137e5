package co.plugkit.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.instagram.InstagramException.Kind;
import co.plugkit.web.Json;
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
        assertThat(token.expiresIn()).isEqualTo(Duration.ofSeconds(5183944));
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
