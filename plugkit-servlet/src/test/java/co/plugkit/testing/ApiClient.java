package co.plugkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Talks to PlugKit's HTTP API as an API client would, over real HTTP; never follows redirects. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI baseUrl;
    private final String apiKey;

    public ApiClient(URI baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public String apiKey() {
        return apiKey;
    }

    /** The same key, talking to another server (of the same database). */
    public ApiClient on(URI otherBaseUrl) {
        return new ApiClient(otherBaseUrl, apiKey);
    }

    public ApiClient withKey(String key) {
        return new ApiClient(baseUrl, key);
    }

    /** An answer, with its body as text and (when it is JSON) as a tree. */
    public record Response(int status, HttpResponse<String> raw) {
        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + raw.body(), e);
            }
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, String jsonBody) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /**
     * A request with the key (if this client has one), any method, a body of the given type ({@code null}:
     * no Content-Type) and extra headers as name, value pairs.
     */
    public Response send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /** A request with arbitrary method and headers (for malformed-header tests); no key added. */
    public Response raw(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /**
     * GET of an absolute URL (the authorization URL, a callback URL), as a browser would, without a key.
     * The callback answers with a 303 to its own result page ({@code callback?result=…}); that one hop is
     * followed, as a browser would, so the answer is the page a person sees. Every other redirect is
     * returned as it is, for the test to look at. {@link #browseOnce} follows nothing.
     */
    public static Response browse(URI url) {
        Response response = browseOnce(url);
        Optional<String> location = response.header("Location");
        if (response.status() == 303 && location.isPresent() && isResultPage(location.get())) {
            return browseOnce(url.resolve(location.get()));
        }
        return response;
    }

    /** GET of an absolute URL without following any redirect. */
    public static Response browseOnce(URI url) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).GET());
    }

    /** True for PlugKit's callback result page: the callback's own address with a {@code result} ticket. */
    public static boolean isResultPage(String location) {
        return location.matches(".*/v1/connect/[a-z0-9-]+/callback\\?result=.*");
    }

    public String createProfile(String name) {
        Response r = post("/v1/profiles", "{\"name\":\"" + name + "\"}");
        if (r.status() != 201) {
            throw new AssertionError("profile not created: " + r.status() + " " + r.body());
        }
        return r.json().get("id").asText();
    }

    /** Asks for an authorization URL. */
    public Response connect(String profileId) {
        return get("/v1/connect/instagram?profileId=" + encode(profileId));
    }

    /**
     * The whole browser round trip: connect, open the authorization URL at the stand-in (which approves
     * or denies at once), follow its redirect to PlugKit's callback, and return the callback's answer.
     */
    public Response connectThroughBrowser(String profileId, Optional<String> redirectUrl) {
        String path = "/v1/connect/instagram?profileId=" + encode(profileId)
                + redirectUrl.map(u -> "&redirectUrl=" + encode(u)).orElse("");
        Response connect = get(path);
        if (connect.status() != 200) {
            throw new AssertionError("connect failed: " + connect.status() + " " + connect.body());
        }
        return followToCallback(URI.create(connect.json().get("authUrl").asText()));
    }

    /** Opens an authorization URL and follows Instagram's redirect to the callback (dropping #_ as browsers do). */
    public static Response followToCallback(URI authUrl) {
        Response authorize = browse(authUrl);
        if (authorize.status() != 302) {
            throw new AssertionError("authorize did not redirect: " + authorize.status() + " " + authorize.body());
        }
        return browse(callbackUrl(authorize));
    }

    /** The callback URL Instagram redirected to, without the fragment (browsers never send it). */
    public static URI callbackUrl(Response authorize) {
        String location = authorize.header("Location").orElseThrow();
        int hash = location.indexOf('#');
        return URI.create(hash >= 0 ? location.substring(0, hash) : location);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return ErrorBodySweep.check(new Response(response.statusCode(), response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
