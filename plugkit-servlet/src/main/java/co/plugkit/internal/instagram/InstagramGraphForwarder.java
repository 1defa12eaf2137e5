package co.plugkit.internal.instagram;

import co.plugkit.internal.engine.GraphCall;
import co.plugkit.internal.engine.GraphReply;
import co.plugkit.internal.engine.GraphUpstream;
import co.plugkit.internal.instagram.BoundedHttpSender.ResponseTooLargeException;
import co.plugkit.internal.telemetry.Telemetry;
import co.plugkit.secret.Secret;
import co.plugkit.settings.AccountAccess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The Graph API proxy's HTTP edge: {@code {graph url}/{graph version}/{path}?{query}} with the account's
 * token as a bearer header (never in the URL, so it reaches no access log), the client's form or JSON
 * body as it came, one deadline for the whole exchange and a bound on the answer's body. Instagram's
 * status, content type, usage headers and body come back as they are; {@link GraphVerdicts} reads what
 * they mean.
 */
final class InstagramGraphForwarder implements GraphUpstream {
    /** The usage headers Instagram sends with Graph API answers, passed on to the client. */
    static final java.util.List<String> USAGE_HEADERS =
            java.util.List.of("X-App-Usage", "X-Business-Use-Case-Usage", "X-Ad-Account-Usage");

    /** The endpoint tag of every proxied call (docs/metrics.md). */
    static final String PROXY_ENDPOINT = "/{version}/{path}";

    private final BoundedHttpSender sender;
    private final String versionBase;
    private final AccountAccess access;
    private final GraphVerdicts verdicts;
    private final Telemetry telemetry;

    InstagramGraphForwarder(
            BoundedHttpSender sender,
            URI graphUrl,
            String graphVersion,
            AccountAccess access,
            ObjectMapper json,
            Telemetry telemetry) {
        this.sender = sender;
        this.versionBase = graphUrl + "/" + graphVersion;
        this.access = access;
        this.verdicts = new GraphVerdicts(json);
        this.telemetry = telemetry;
    }

    @Override
    public GraphReply send(GraphCall call, Secret token) throws Failure {
        String query = call.query().stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
        URI url = URI.create(versionBase + "/" + String.join("/", call.path()) + (query.isEmpty() ? "" : "?" + query));
        byte[] body = call.body();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .method(
                        call.method(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.reveal());
        call.contentType().ifPresent(type -> request.header("Content-Type", type));
        HttpResponse<byte[]> response = null;
        long started = System.nanoTime();
        try {
            response = sender.exchange(request, access.proxyTimeout(), access.proxyMaxResponseBytes());
        } catch (ResponseTooLargeException e) {
            throw new Failure(
                    Failure.Kind.TOO_LARGE,
                    "Instagram's answer is larger than " + access.proxyMaxResponseBytes()
                            + " bytes (plugkit.api.proxyMaxResponseBytes)");
        } catch (HttpTimeoutException | SocketTimeoutException e) {
            throw new Failure(
                    Failure.Kind.TIMEOUT,
                    "Instagram did not answer within " + access.proxyTimeout().toMillis()
                            + " ms (plugkit.api.proxyTimeoutSeconds)");
        } catch (IOException e) {
            // The transport's message may name the URL; only the kind of failure is repeated.
            throw new Failure(
                    Failure.Kind.UNREACHABLE,
                    "Instagram could not be reached (" + e.getClass().getSimpleName() + ")");
        } finally {
            // The path is the client's (ids, edges of its choosing): one template keeps the tag's values few.
            OptionalInt status = response == null ? OptionalInt.empty() : OptionalInt.of(response.statusCode());
            telemetry.instagramCall(PROXY_ENDPOINT, call.method(), status, System.nanoTime() - started);
        }
        Map<String, String> usage = new LinkedHashMap<>();
        for (String name : USAGE_HEADERS) {
            response.headers().firstValue(name).ifPresent(v -> usage.put(name, v));
        }
        byte[] answer = response.body();
        return new GraphReply(
                response.statusCode(),
                response.headers().firstValue("Content-Type"),
                usage,
                answer,
                verdicts.of(response.statusCode(), answer, usage));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
