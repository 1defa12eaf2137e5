package co.plugkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the sandbox's HTTP tests do as a browser would: connect a sandbox account through the consent form,
 * and open the "Apps and websites" page and submit its forms with the page's cookie and token.
 */
final class SandboxAppsBrowser {
    static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern TOKEN = Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("plugkit_sandbox_form=([0-9a-f]{32})");

    private SandboxAppsBrowser() {}

    /** Connects a sandbox account through the consent form, as a browser would; returns the account id. */
    static String connect(ApiClient as, String username) throws Exception {
        String profileId = as.createProfile("Jane");
        URI authUrl = URI.create(as.connect(profileId).json().get("authUrl").asText());
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : authUrl.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        form.put("decision", "allow");
        form.put("account", username);
        HttpResponse<String> redirect = HTTP.send(
                HttpRequest.newBuilder(URI.create(authUrl.toString().split("\\?")[0]))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formBody(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        Response callback = ApiClient.browse(URI.create(
                redirect.headers().firstValue("Location").orElseThrow().split("#")[0]));
        assertThat(callback.body()).contains("@" + username + " is connected");
        JsonNode accounts = as.get("/v1/accounts?profileId=" + profileId).json().get("data");
        assertThat(accounts).hasSize(1);
        return accounts.get(0).get("id").asText();
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Opens the apps page as a browser would. */
    static Page open(URI appsPage) throws Exception {
        HttpResponse<String> r =
                HTTP.send(HttpRequest.newBuilder(appsPage).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher cookie = COOKIE.matcher(r.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(cookie.find()).isTrue();
        return new Page(appsPage, r.body(), cookie.group(1));
    }

    /** The apps page as a browser holds it: its HTML and the cookie it set. */
    record Page(URI url, String body, String cookie) {
        String token() {
            Matcher m = TOKEN.matcher(body);
            assertThat(m.find()).isTrue();
            return m.group(1);
        }

        HttpResponse<String> submit(Map<String, String> fields) throws Exception {
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("form_token", token());
            HttpRequest.Builder post = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
            if (cookie != null) {
                post.header("Cookie", "plugkit_sandbox_form=" + cookie);
            }
            return HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
