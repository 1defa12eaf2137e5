package co.plugkit.testing;

import co.plugkit.provider.Platform;
import co.plugkit.provider.Provider;
import co.plugkit.provider.ProviderException;
import co.plugkit.provider.ProviderException.Kind;
import co.plugkit.provider.ProviderProfile;
import co.plugkit.provider.ProviderToken;
import co.plugkit.secret.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A second platform that exists only in the tests: PlugKit's {@link Provider} interface implemented for
 * {@link MiniOAuthServer}, with nothing of the engine changed or subclassed. Plugged in with
 * {@code PlugKit.builder().provider(…)}, its accounts connect at {@code /v1/connect/mini}.
 */
public final class MiniOAuthProvider implements Provider {
    public static final Platform PLATFORM = new Platform("mini");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI server;
    private final URI redirectUri;

    /** @param plugKitPublicUrl PlugKit's public URL, which the redirect URI is made from */
    public MiniOAuthProvider(URI server, URI plugKitPublicUrl) {
        this.server = server;
        this.redirectUri = URI.create(plugKitPublicUrl + "/v1/connect/mini/callback");
    }

    @Override
    public Platform platform() {
        return PLATFORM;
    }

    @Override
    public List<String> scopes() {
        return List.of("profile");
    }

    @Override
    public URI authorizationUrl(String state) {
        return URI.create(server + "/authorize?response_type=code&client_id=" + MiniOAuthServer.CLIENT_ID
                + "&redirect_uri=" + encode(redirectUri.toString()) + "&scope=profile&state=" + encode(state));
    }

    @Override
    public ProviderToken exchangeCode(Secret code) throws ProviderException {
        return token("grant_type=authorization_code&code=" + encode(code.reveal()) + "&redirect_uri="
                + encode(redirectUri.toString()));
    }

    @Override
    public ProviderToken refresh(Secret accessToken) throws ProviderException {
        return token("grant_type=refresh_token&refresh_token=" + encode(accessToken.reveal()));
    }

    @Override
    public ProviderProfile profile(Secret accessToken) throws ProviderException {
        JsonNode me = call(HttpRequest.newBuilder(URI.create(server + "/userinfo"))
                .header("Authorization", "Bearer " + accessToken.reveal())
                .GET());
        return new ProviderProfile(
                me.path("sub").asText(),
                Optional.empty(),
                me.path("preferred_username").asText(),
                Optional.of(me.path("name").asText()),
                "PERSON",
                Optional.empty());
    }

    @Override
    public void revoke(Secret accessToken) {
        // this platform has no revocation endpoint
    }

    @Override
    public boolean isEligible(ProviderProfile profile) {
        return true;
    }

    @Override
    public Optional<String> permanentFailureReason(ProviderException failure) {
        return failure.kind() == Kind.REJECTED ? Optional.of("token_invalid") : Optional.empty();
    }

    private ProviderToken token(String form) throws ProviderException {
        JsonNode body = call(HttpRequest.newBuilder(URI.create(server + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&client_id=" + MiniOAuthServer.CLIENT_ID
                        + "&client_secret=" + MiniOAuthServer.CLIENT_SECRET)));
        return new ProviderToken(
                Secret.of(body.path("access_token").asText()),
                Optional.of(Duration.ofSeconds(body.path("expires_in").asLong())),
                Optional.empty());
    }

    private JsonNode call(HttpRequest.Builder request) throws ProviderException {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ProviderException(
                        Kind.REJECTED, "the mini server answered HTTP " + response.statusCode(), Optional.empty());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new ProviderException(Kind.UNAVAILABLE, "the mini server is unreachable", Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.UNAVAILABLE, "interrupted", Optional.empty());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
