package co.plugkit.container;

import static co.plugkit.testing.EmbeddedContainer.hostApp;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.secret.Secret;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.EmbeddedJetty;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.Nginx;
import co.plugkit.testing.RawRequests;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * PlugKit behind a real nginx that maps a public path onto a different mount path: the browser and the
 * API client only ever see {@code http://127.0.0.1:<nginx>/ig/…}, while PlugKit is mounted by the
 * initializer at {@code /shop/plugkit} in a Jetty webapp. Every URL PlugKit hands out must be the public
 * one, and each must work through the proxy. The nginx {@code location} and the context-params here are
 * the ones docs/deploy/reverse-proxy.md shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReverseProxyTest {
    private static final String KEY = "sk_" + "9a".repeat(32);
    private static final String USER = "17841400000000001";

    private FakeInstagram instagram;
    private EmbeddedJetty jetty;
    private Nginx nginx;
    private URI publicUrl;
    private ApiClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        instagram = new FakeInstagram(MutableClock.startingNow());
        jetty = new EmbeddedJetty();
        int proxyPort = Nginx.freePort();
        publicUrl = URI.create("http://127.0.0.1:" + proxyPort + "/ig");

        Map<String, String> params = instagram.webappSettings(publicUrl.toString(), KEY);
        params.put("plugkit.allowedRedirectUrls", "https://app.example.com/settings/instagram");
        jetty.addWebapp("/shop", params, List.of(hostApp(), new PlugKitInitializer(FakeInstagram.SECRET_ENVIRONMENT)));
        jetty.start();

        Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
        nginx = Nginx.start(nginxDir, proxyPort, """
                location /ig/ {
                    proxy_pass http://127.0.0.1:%d/shop/plugkit/;
                }
                """.formatted(jetty.baseUrl().getPort()));
        client = new ApiClient(publicUrl, KEY);
    }

    @AfterAll
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        jetty.close();
        instagram.close();
    }

    @Test
    void theConnectFlowRunsThroughTheProxyOnPublicUrlsOnly() {
        String profileId = client.createProfile("Jane");

        URI authUrl = URI.create(client.connect(profileId).json().get("authUrl").asText());
        assertThat(EmbeddedContainerContract.queryParam(authUrl, "redirect_uri"))
                .isEqualTo(publicUrl + "/v1/connect/instagram/callback");
        // Instagram sends the browser to that public URL: the callback is answered through nginx.
        Response page = ApiClient.followToCallback(authUrl);

        assertThat(page.status()).as(nginx.errorLog()).isEqualTo(200);
        assertThat(page.body()).contains("@acme is connected");
        assertThat(client.get("/v1/accounts?profileId=" + profileId).json().get("data"))
                .singleElement()
                .satisfies(
                        account -> assertThat(account.get("username").asText()).isEqualTo("acme"));
    }

    @Test
    void forwardedHeadersFromTheClientDoNotChangeTheRedirectUri() {
        String profileId = client.createProfile("Jim");

        Response connect = RawRequests.send(
                publicUrl,
                "GET",
                "/v1/connect/instagram?profileId=" + profileId,
                null,
                "Authorization",
                "Bearer " + KEY,
                "X-Forwarded-Host",
                "evil.example",
                "X-Forwarded-Proto",
                "https",
                "Forwarded",
                "host=evil.example;proto=https");

        URI authUrl = URI.create(connect.json().get("authUrl").asText());
        assertThat(EmbeddedContainerContract.queryParam(authUrl, "redirect_uri"))
                .isEqualTo(publicUrl + "/v1/connect/instagram/callback");
    }

    @Test
    void theRedirectToTheHostAppPassesThroughTheProxyUntouched() {
        String profileId = client.createProfile("Ann");

        Response redirected =
                client.connectThroughBrowser(profileId, Optional.of("https://app.example.com/settings/instagram"));

        assertThat(redirected.status()).isEqualTo(303);
        assertThat(redirected.header("Location").orElseThrow())
                .startsWith("https://app.example.com/settings/instagram?status=connected&accountId=acc_");
    }

    @Test
    void theDataDeletionStatusUrlIsPublicAndAnsweredThroughTheProxy() {
        String signed = SignedRequest.sign(
                Secret.of(FakeInstagram.CLIENT_SECRET),
                "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1291836800,\"user_id\":\"" + USER + "\"}");

        Response deletion = RawRequests.send(
                publicUrl,
                "POST",
                "/v1/connect/instagram/data-deletion",
                ("signed_request=" + ApiClient.encode(signed)).getBytes(StandardCharsets.US_ASCII),
                "Content-Type",
                "application/x-www-form-urlencoded");

        assertThat(deletion.status()).isEqualTo(200);
        String statusUrl = deletion.json().get("url").asText();
        assertThat(statusUrl).startsWith(publicUrl + "/v1/connect/instagram/data-deletion/");
        Response status = ApiClient.browse(URI.create(statusUrl));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body())
                .contains(deletion.json().get("confirmation_code").asText());
    }
}
