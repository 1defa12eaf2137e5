package co.plugkit.tomcat;

import static co.plugkit.tomcat.ContainerProcess.await;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the real-container tests check, the same in every container: the example legacy WAR
 * (docs/examples/legacy-war) deployed twice, as /shop and /crm, each with its own database, its
 * secrets from the container's environment and the rest from a per-deployment configuration file
 * made from a template resource.
 */
final class LegacyWarChecks {
    static final String BOOTSTRAP_KEY = "sk_" + "7a11".repeat(16);
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(90);

    private LegacyWarChecks() {}

    /** The secrets, given to the container's process as environment variables. */
    static Map<String, String> secrets() {
        return Map.of(
                "PLUGKIT_INSTAGRAM_CLIENT_SECRET", FakeInstagram.CLIENT_SECRET,
                "PLUGKIT_ENCRYPTION_KEY", TestKeys.ENCRYPTION_KEY,
                "PLUGKIT_BOOTSTRAP_API_KEY", BOOTSTRAP_KEY);
    }

    /**
     * The deployment {@code app}'s configuration file: the resource {@code template} with {@code ${app}},
     * {@code ${port}}, {@code ${instagram}} (the stand-in's URL, which learns the redirect URI here) and
     * {@code ${database}} filled in.
     */
    static String configuration(
            String template, String app, ContainerProcess container, FakeInstagram instagram, String database) {
        instagram.registerRedirectUri(container.baseUrl() + "/" + app + "/plugkit/v1/connect/instagram/callback");
        return resource(template)
                .replace("${app}", app)
                .replace("${port}", Integer.toString(container.port()))
                .replace("${instagram}", instagram.baseUrl().toString())
                .replace("${database}", database.stripTrailing());
    }

    /**
     * With /shop and /crm deployed in the started {@code container}: both host pages and PlugKit in both
     * work, each PlugKit sees only its own data; then /shop is undeployed, PlugKit logs its stop and
     * leaves no thread behind, and /crm goes on working.
     */
    static void checkBothThenUndeployShop(ContainerProcess container) throws Exception {
        assertThat(await(
                        DEPLOY_TIMEOUT,
                        () -> status(container, "/crm/hello") == 200 && status(container, "/shop/hello") == 200))
                .as("both webapps up; console:%n%s", container.logText())
                .isTrue();
        assertThat(ApiClient.browse(url(container, "/shop/hello")).body())
                .isEqualTo("legacy app at '/shop' says hello");

        ApiClient shop = new ApiClient(url(container, "/shop/plugkit"), BOOTSTRAP_KEY);
        ApiClient crm = new ApiClient(url(container, "/crm/plugkit"), BOOTSTRAP_KEY);
        assertThat(shop.get("/v1/health").json().get("database").asText()).isEqualTo("up");
        String profileId = shop.createProfile("Jane");
        Response page = shop.connectThroughBrowser(profileId, Optional.empty());
        assertThat(page.body()).contains("@acme is connected");
        assertThat(shop.get("/v1/accounts").json().get("data")).hasSize(1);
        assertThat(crm.get("/v1/accounts").json().get("data")).isEmpty();
        assertThat(crm.get("/v1/profiles/" + profileId).status()).isEqualTo(404);
        assertThat(crm.connectThroughBrowser(crm.createProfile("Joe"), Optional.empty())
                        .body())
                .contains("@acme is connected");
        assertThat(container.threadNames()).anyMatch(name -> name.startsWith("plugkit-shop"));

        container.undeploy("shop");

        assertThat(await(DEPLOY_TIMEOUT, () -> status(container, "/shop/hello") == 404))
                .isTrue();
        assertThat(await(
                        Duration.ofSeconds(10),
                        () -> container.logText().contains("PlugKit stopped in webapp '/shop'")))
                .isTrue();
        assertThat(container.threadNames()).noneMatch(name -> name.startsWith("plugkit-shop"));
        assertThat(crm.get("/v1/accounts").json().get("data")).hasSize(1);
    }

    static URI url(ContainerProcess container, String path) {
        return URI.create(container.baseUrl() + path);
    }

    static int status(ContainerProcess container, String path) {
        try {
            return ApiClient.browse(url(container, path)).status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    private static String resource(String name) {
        try (InputStream in = LegacyWarChecks.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
