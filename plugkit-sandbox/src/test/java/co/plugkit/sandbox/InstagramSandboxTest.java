package co.plugkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.secret.Secret;
import co.plugkit.testing.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sandbox's protocol rules, on the engine alone (no container): instagram-protocol.md §2–§8. */
class InstagramSandboxTest {
    private static final String CLIENT_ID = "000000000000000";
    private static final String SECRET = "sandbox-secret";
    private static final String REDIRECT = "http://localhost:8080/v1/connect/instagram/callback";

    private final MutableClock clock = MutableClock.startingNow();
    private final InstagramSandbox sandbox = new InstagramSandbox(
            new SandboxSettings(
                    CLIENT_ID,
                    Secret.of(SECRET),
                    URI.create(REDIRECT),
                    URI.create("http://localhost:8080/sandbox/instagram"),
                    Duration.ofMillis(10)),
            clock);

    @Test
    void aValidRequestShowsTheRequestedPermissionsAndTheAccounts() {
        Authorization a = sandbox.check(authorizeParams());
        assertThat(a).isInstanceOf(Authorization.Consent.class);
        Authorization.Consent consent = (Authorization.Consent) a;
        assertThat(consent.request().scopes())
                .containsExactly("instagram_business_basic", "instagram_business_manage_comments");
        assertThat(consent.accounts())
                .hasSizeGreaterThanOrEqualTo(3)
                .allMatch(acc -> acc.accountType().equals("BUSINESS")
                        || acc.accountType().equals("MEDIA_CREATOR"));
        assertThat(consent.request().fault()).isEqualTo(SandboxFault.NONE);
        assertThat(consent.request().shape()).isEqualTo(SandboxShape.FLAT);
    }

    @Test
    void theRedirectUriMustMatchCharacterForCharacter() {
        for (String wrong : List.of(REDIRECT + "/", REDIRECT + " ", REDIRECT.replace("localhost", "127.0.0.1"))) {
            Map<String, String> params = authorizeParams();
            params.put("redirect_uri", wrong);
            assertThat(sandbox.check(params)).isEqualTo(new Authorization.Refused(InstagramSandbox.INVALID_REQUEST));
        }
    }

    @Test
    void refusesAWrongAppMissingBasicScopeAndUnknownSwitches() {
        Map<String, String> app = authorizeParams();
        app.put("client_id", "123");
        assertThat(sandbox.check(app)).isEqualTo(new Authorization.Refused("Invalid platform app"));
        Map<String, String> scope = authorizeParams();
        scope.put("scope", "instagram_business_manage_comments");
        assertThat(sandbox.check(scope)).isInstanceOf(Authorization.Refused.class);
        Map<String, String> fault = authorizeParams();
        fault.put("sandbox_fault", "meteor");
        assertThat(sandbox.check(fault)).isInstanceOf(Authorization.Refused.class);
    }

    @Test
    void allowRedirectsWithCodeStateAndFragmentAndCancelWithTheDenial() {
        AuthorizationRequest request = consent(authorizeParams());
        URI allowed = sandbox.approve(request, SandboxAccount.ALL.get(0));
        assertThat(allowed.toString())
                .startsWith(REDIRECT + "?code=AQ")
                .contains("&state=st%2Fate")
                .endsWith("#_");

        URI cancelled = sandbox.cancel(request);
        assertThat(cancelled.toString())
                .isEqualTo(REDIRECT + "?error=access_denied&error_reason=user_denied"
                        + "&error_description=The+user+denied+your+request&state=st%2Fate");
    }

    @Test
    void aCodeWorksOnceAndOnlyWithTheSameRedirectUri() {
        String code = approve(authorizeParams());
        Map<String, String> wrongRedirect = codeForm(code);
        wrongRedirect.put("redirect_uri", REDIRECT + "/");
        SandboxAnswer mismatch = sandbox.exchangeCode(post(wrongRedirect));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat((String) mismatch.body().get("error_message")).contains("redirect_uri is identical");

        String fresh = approve(authorizeParams());
        SandboxAnswer first = sandbox.exchangeCode(post(codeForm(fresh)));
        assertThat(first.status()).isEqualTo(200);
        SandboxAnswer second = sandbox.exchangeCode(post(codeForm(fresh)));
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body())
                .containsEntry("error_type", "OAuthException")
                .containsEntry("code", 400)
                .containsEntry("error_message", "Matching code was not found or was already used");
    }

    @Test
    void aCodeExpiresAfterOneHour() {
        String code = approve(authorizeParams());
        clock.advance(Duration.ofMinutes(61));
        SandboxAnswer answer = sandbox.exchangeCode(post(codeForm(code)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).containsEntry("error_message", "This authorization code has expired");
    }

    @Test
    void theCodeExchangeWantsAFormPostWithTheAppsCredentials() {
        String code = approve(authorizeParams());
        SandboxAnswer get =
                sandbox.exchangeCode(new SandboxCall("GET", Optional.empty(), codeForm(code), Optional.empty()));
        assertThat(get.body()).containsEntry("error_message", "Unsupported request - method type: get");
        SandboxAnswer json = sandbox.exchangeCode(
                new SandboxCall("POST", Optional.of("application/json"), codeForm(code), Optional.empty()));
        assertThat(json.body()).containsEntry("error_message", "Missing required field client_id");
        Map<String, String> badSecret = codeForm(code);
        badSecret.put("client_secret", "nope");
        assertThat(sandbox.exchangeCode(post(badSecret)).body()).containsEntry("error_message", "Invalid platform app");
    }

    @Test
    void bothShapesOfTheCodeExchange() {
        SandboxAnswer flat = sandbox.exchangeCode(post(codeForm(approve(authorizeParams()))));
        assertThat(flat.body().get("user_id")).isEqualTo(27281358591558101L);
        assertThat(flat.body().get("permissions"))
                .isEqualTo(List.of("instagram_business_basic", "instagram_business_manage_comments"));

        Map<String, String> params = authorizeParams();
        params.put("sandbox_shape", "data");
        SandboxAnswer data = sandbox.exchangeCode(post(codeForm(approve(params))));
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) data.body().get("data")).get(0);
        assertThat(entry.get("user_id")).isEqualTo("27281358591558101");
        assertThat(entry.get("permissions")).isEqualTo("instagram_business_basic,instagram_business_manage_comments");
    }

    @Test
    void longLivedTokenAndMe() {
        String longLived = longLivedToken(authorizeParams());
        SandboxAnswer me = sandbox.me(new SandboxCall(
                "GET",
                Optional.empty(),
                Map.of("fields", "user_id,username,name,account_type,profile_picture_url"),
                Optional.of(longLived)));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body())
                .containsEntry("user_id", "17841400000000101")
                .containsEntry("username", "acme_coffee")
                .containsEntry("account_type", "BUSINESS")
                .containsEntry(
                        "profile_picture_url", "http://localhost:8080/sandbox/instagram/pictures/acme_coffee.svg");
        SandboxAnswer unknownField =
                sandbox.me(new SandboxCall("GET", Optional.empty(), Map.of("fields", "email"), Optional.of(longLived)));
        assertGraphError(unknownField, 100, null);
    }

    @Test
    void refreshFollowsTheTwentyFourHourRule() {
        String token = longLivedToken(authorizeParams());
        assertGraphError(sandbox.refresh(refreshCall(token)), 100, null);

        clock.advance(Duration.ofHours(25));
        SandboxAnswer refreshed = sandbox.refresh(refreshCall(token));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body()).containsEntry("token_type", "bearer").containsEntry("expires_in", 5_184_000L);
        String newToken = (String) refreshed.body().get("access_token");
        assertThat(newToken).isNotEqualTo(token).startsWith("IGAA");
        assertGraphError(sandbox.refresh(refreshCall(token)), 190, null);
        assertGraphError(sandbox.refresh(refreshCall(newToken)), 100, null); // just refreshed: 24 h again

        clock.advance(Duration.ofDays(61));
        assertGraphError(sandbox.refresh(refreshCall(newToken)), 190, 463);
        SandboxAnswer post = sandbox.refresh(new SandboxCall(
                "POST",
                Optional.empty(),
                Map.of("grant_type", "ig_refresh_token", "access_token", newToken),
                Optional.empty()));
        assertGraphError(post, 100, null);
    }

    @Test
    void faultsAreCarriedByTheCode() {
        Map<String, String> outage = authorizeParams();
        outage.put("sandbox_fault", "server_error");
        String code = approve(outage);
        SandboxAnswer down = sandbox.exchangeCode(post(codeForm(code)));
        assertThat(down.status()).isEqualTo(500);
        assertGraphError(down, 2, null);

        Map<String, String> slow = authorizeParams();
        slow.put("sandbox_fault", "slow");
        assertThat(sandbox.exchangeCode(post(codeForm(approve(slow)))).delay()).isEqualTo(Duration.ofMillis(10));

        Map<String, String> expired = authorizeParams();
        expired.put("sandbox_fault", "expired_code");
        assertThat(sandbox.exchangeCode(post(codeForm(approve(expired)))).body())
                .containsEntry("error_message", "This authorization code has expired");

        Map<String, String> revoked = authorizeParams();
        revoked.put("sandbox_fault", "revoked_token");
        String token = longLivedToken(revoked);
        assertGraphError(sandbox.me(new SandboxCall("GET", Optional.empty(), Map.of(), Optional.of(token))), 190, 460);
    }

    @Test
    void revokingPermissionsInvalidatesTheAccountsTokens() {
        String token = longLivedToken(authorizeParams());
        SandboxAnswer revoke =
                sandbox.revokePermissions(new SandboxCall("DELETE", Optional.empty(), Map.of(), Optional.of(token)));
        assertThat(revoke.body()).containsEntry("success", true);
        assertGraphError(sandbox.me(new SandboxCall("GET", Optional.empty(), Map.of(), Optional.of(token))), 190, 460);
    }

    @Test
    void graphErrorsHaveGraphsEnvelope() {
        SandboxAnswer answer = sandbox.me(new SandboxCall("GET", Optional.empty(), Map.of(), Optional.of("IGAAnope")));
        assertThat(answer.status()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) answer.body().get("error");
        assertThat(error)
                .containsEntry("type", "OAuthException")
                .containsEntry("code", 190)
                .containsKeys("message", "fbtrace_id");
    }

    private static void assertGraphError(SandboxAnswer answer, int code, Integer subcode) {
        assertThat(answer.status()).isGreaterThanOrEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) answer.body().get("error");
        assertThat(error).as("Graph error in %s", answer.body()).isNotNull().containsEntry("code", code);
        assertThat(error.get("error_subcode")).isEqualTo(subcode);
    }

    private String longLivedToken(Map<String, String> params) {
        SandboxAnswer shortLived = sandbox.exchangeCode(post(codeForm(approve(params))));
        Object body = shortLived.body().containsKey("data")
                ? ((List<?>) shortLived.body().get("data")).get(0)
                : shortLived.body();
        String token = (String) ((Map<?, ?>) body).get("access_token");
        SandboxAnswer longLived = sandbox.exchangeForLongLived(new SandboxCall(
                "GET",
                Optional.empty(),
                Map.of("grant_type", "ig_exchange_token", "client_secret", SECRET, "access_token", token),
                Optional.empty()));
        assertThat(longLived.status()).isEqualTo(200);
        assertThat(longLived.body()).containsEntry("expires_in", 5_184_000L);
        return (String) longLived.body().get("access_token");
    }

    private static SandboxCall refreshCall(String token) {
        return new SandboxCall(
                "GET",
                Optional.empty(),
                Map.of("grant_type", "ig_refresh_token", "access_token", token),
                Optional.empty());
    }

    private String approve(Map<String, String> params) {
        String location =
                sandbox.approve(consent(params), SandboxAccount.ALL.get(0)).toString();
        return URLDecoder.decode(location.replaceAll(".*[?&]code=([^&#]*).*", "$1"), StandardCharsets.UTF_8);
    }

    private AuthorizationRequest consent(Map<String, String> params) {
        return ((Authorization.Consent) sandbox.check(params)).request();
    }

    private static SandboxCall post(Map<String, String> form) {
        return new SandboxCall("POST", Optional.of("application/x-www-form-urlencoded"), form, Optional.empty());
    }

    private static Map<String, String> codeForm(String code) {
        Map<String, String> form = new HashMap<>();
        form.put("client_id", CLIENT_ID);
        form.put("client_secret", SECRET);
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", REDIRECT);
        form.put("code", code);
        return form;
    }

    private static Map<String, String> authorizeParams() {
        Map<String, String> params = new HashMap<>();
        params.put("client_id", CLIENT_ID);
        params.put("redirect_uri", REDIRECT);
        params.put("response_type", "code");
        params.put("scope", "instagram_business_basic,instagram_business_manage_comments");
        params.put("state", "st/ate");
        return params;
    }
}
