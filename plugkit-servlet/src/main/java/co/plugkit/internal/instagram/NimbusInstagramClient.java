package co.plugkit.internal.instagram;

import co.plugkit.internal.engine.GraphUpstream;
import co.plugkit.internal.instagram.BoundedHttpSender.ResponseTooLargeException;
import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.provider.ProviderException.Kind;
import co.plugkit.secret.Secret;
import co.plugkit.settings.AccountAccess;
import co.plugkit.settings.InstagramSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link InstagramApi} over HTTP. Nimbus builds the requests (the authorization URL, the form-encoded
 * code exchange with {@code client_secret_post}); {@link BoundedHttpSender} sends them with timeouts and
 * a size cap; {@link InstagramResponses} reads the non-standard answers, because Nimbus' own
 * {@code TokenResponse.parse} requires a {@code token_type} that Instagram's code exchange does not send.
 */
public final class NimbusInstagramClient implements InstagramApi, AutoCloseable {
    private static final String PROFILE_FIELDS = "user_id,username,name,account_type,profile_picture_url";

    private final InstagramSettings settings;
    private final URI redirectUri;
    private final BoundedHttpSender sender;
    private final InstagramResponses responses;
    private final Telemetry telemetry;
    private final ObjectMapper json;

    public NimbusInstagramClient(InstagramSettings settings, URI redirectUri, ObjectMapper json, Telemetry telemetry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
        this.sender =
                new BoundedHttpSender(settings.connectTimeout(), settings.readTimeout(), settings.maxResponseBytes());
        this.responses = new InstagramResponses(json);
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.json = json;
    }

    /**
     * The Graph API proxy's sender, on this client's HTTP client (and threads): calls below {@code
     * plugkit.instagram.graphUrl} and {@code graphVersion}, bounded as {@code access} says.
     */
    public GraphUpstream graphForwarder(AccountAccess access) {
        return new InstagramGraphForwarder(
                sender, settings.graphUrl(), settings.graphVersion(), access, json, telemetry);
    }

    /** Stops the HTTP client's threads; call it when PlugKit stops. */
    @Override
    public void close() {
        sender.close();
    }

    @Override
    public URI authorizationUrl(String state) {
        // Instagram wants the scopes comma-separated; Nimbus joins scope values with spaces, so the whole
        // comma-joined list goes in as one value (and is sent as %2C, as Meta's own Embed URL does).
        return new AuthorizationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE), new ClientID(settings.clientId()))
                .endpointURI(settings.authorizeUrl())
                .redirectionURI(redirectUri)
                .scope(new Scope(String.join(",", settings.scopes())))
                .state(new State(state))
                .build()
                .toURI();
    }

    @Override
    public ShortLivedToken exchangeCode(Secret code) throws InstagramException {
        HTTPRequest request = new TokenRequest(
                        below(settings.apiUrl(), "/oauth/access_token"),
                        new ClientSecretPost(
                                new ClientID(settings.clientId()),
                                new com.nimbusds.oauth2.sdk.auth.Secret(
                                        settings.clientSecret().reveal())),
                        new AuthorizationCodeGrant(new AuthorizationCode(code.reveal()), redirectUri))
                .toHTTPRequest();
        return responses.codeExchange(send("code exchange", "/oauth/access_token", request));
    }

    @Override
    public LongLivedToken exchangeForLongLived(Secret shortLivedToken) throws InstagramException {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, below(settings.graphUrl(), "/access_token"));
        request.appendQueryParameters(Map.of(
                "grant_type", List.of("ig_exchange_token"),
                "client_secret", List.of(settings.clientSecret().reveal()),
                "access_token", List.of(shortLivedToken.reveal())));
        return responses.longLived(send("long-lived token exchange", "/access_token", request));
    }

    @Override
    public LongLivedToken refresh(Secret longLivedToken) throws InstagramException {
        // GET only, with the token in the query: the one form Instagram accepts for this endpoint.
        HTTPRequest request =
                new HTTPRequest(HTTPRequest.Method.GET, below(settings.graphUrl(), "/refresh_access_token"));
        request.appendQueryParameters(Map.of(
                "grant_type", List.of("ig_refresh_token"),
                "access_token", List.of(longLivedToken.reveal())));
        return responses.refreshed(send("token refresh", "/refresh_access_token", request));
    }

    @Override
    public InstagramProfile fetchProfile(Secret accessToken) throws InstagramException {
        HTTPRequest request = new HTTPRequest(
                HTTPRequest.Method.GET, below(settings.graphUrl(), "/" + settings.graphVersion() + "/me"));
        request.appendQueryParameters(Map.of("fields", List.of(PROFILE_FIELDS)));
        // The token goes in the header, not the query, so it cannot end up in an access log.
        request.setAuthorization("Bearer " + accessToken.reveal());
        return responses.profile(send("profile request", "/{version}/me", request));
    }

    @Override
    public void revokePermissions(Secret accessToken) throws InstagramException {
        HTTPRequest request = new HTTPRequest(
                HTTPRequest.Method.DELETE,
                below(settings.graphUrl(), "/" + settings.graphVersion() + "/me/permissions"));
        request.setAuthorization("Bearer " + accessToken.reveal());
        responses.revocation(send("permission revocation", "/{version}/me/permissions", request));
    }

    @Override
    public void subscribeApp(Secret accessToken, List<String> fields) throws InstagramException {
        HTTPRequest request = new HTTPRequest(
                HTTPRequest.Method.POST,
                below(settings.graphUrl(), "/" + settings.graphVersion() + "/me/subscribed_apps"));
        request.appendQueryParameters(Map.of("subscribed_fields", List.of(String.join(",", fields))));
        request.setAuthorization("Bearer " + accessToken.reveal());
        responses.subscription(send("webhook subscription", "/{version}/me/subscribed_apps", request));
    }

    /**
     * {@code path} below a configured base URL. The base may carry a path of its own (the sandbox lives at
     * {@code …/sandbox/instagram}), which {@link URI#resolve} would drop for an absolute path.
     */
    private static URI below(URI base, String path) {
        return URI.create(base.toString() + path);
    }

    /**
     * Sends a request. Failures are described by kind and call only: the request's URL and body carry
     * the client secret, a code or a token, so neither they nor the transport's messages are repeated.
     * The call is measured under {@code endpoint}, a path template that holds no id and no token.
     */
    private HTTPResponse send(String call, String endpoint, HTTPRequest request) throws InstagramException {
        request.setConnectTimeout((int) settings.connectTimeout().toMillis());
        request.setReadTimeout((int) settings.readTimeout().toMillis());
        long started = System.nanoTime();
        OptionalInt status = OptionalInt.empty();
        try {
            HTTPResponse response = request.send(sender);
            status = OptionalInt.of(response.getStatusCode());
            return response;
        } catch (ResponseTooLargeException e) {
            throw new InstagramException(
                    Kind.MALFORMED,
                    "Instagram's answer to the " + call + " is larger than " + settings.maxResponseBytes() + " bytes",
                    Optional.empty());
        } catch (IOException e) {
            throw new InstagramException(
                    Kind.UNAVAILABLE,
                    "Instagram could not be reached for the " + call + " ("
                            + e.getClass().getSimpleName() + ")",
                    Optional.empty());
        } finally {
            telemetry.instagramCall(endpoint, request.getMethod().name(), status, System.nanoTime() - started);
        }
    }
}
