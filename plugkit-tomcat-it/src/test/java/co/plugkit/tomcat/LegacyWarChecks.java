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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the real-container tests check, the same in every container: an example legacy WAR
 * (docs/examples/legacy-war with plugkit-servlet, or docs/examples/legacy-war-javax with
 * plugkit-servlet-javax) deployed twice, as /shop and /crm, each with its own database, its
 * secrets from the container's environment and the rest from a per-deployment configuration file
 * made from a template resource.
 */
final class LegacyWarChecks {
    static final String BOOTSTRAP_KEY = "sk_" + "7a11".repeat(16);
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(90);

    /**
     * The javax example WAR logs through its own SLF4J 1.7 + Logback 1.2 to the console, each line marked
     * with this (docs/examples/legacy-war-javax/src/main/resources/logback.xml).
     */
    static final String LEGACY_LOGBACK = "[legacy-logback]";

    private LegacyWarChecks() {}

    /** The example WARs: which one, and the path of its copy (a system property set by the POM). */
    enum War {
        /** docs/examples/legacy-war: plugkit-servlet, for Jakarta Servlet 6 containers. */
        JAKARTA("plugkit.it.war"),
        /** docs/examples/legacy-war-javax: plugkit-servlet-javax, for Servlet 4.0 containers. */
        JAVAX("plugkit.it.javax.war");

        private final String property;

        War(String property) {
            this.property = property;
        }

        Path path() {
            return Path.of(System.getProperty(property));
        }
    }

    /** The distributions listed (comma-separated) in the system property {@code property}. */
    static Stream<Path> distributions(String property) {
        return Arrays.stream(System.getProperty(property, "").split(","))
                .filter(s -> !s.isBlank())
                .map(Path::of);
    }

    /**
     * The warnings and errors in the container's console: the container's own (JUL's {@code SEVERE:},
     * Jetty's {@code :WARN :}) and those PlugKit or the webapp log through the javax WAR's Logback.
     */
    static List<String> warnings(ContainerProcess container) {
        return container
                .logText()
                .lines()
                .filter(l -> l.contains(":WARN :")
                        || l.startsWith("SEVERE:")
                        || l.contains(LEGACY_LOGBACK + " WARN")
                        || l.contains(LEGACY_LOGBACK + " ERROR"))
                .toList();
    }

    /**
     * PlugKit's startup line for {@code /app}, as the javax WAR's own Logback wrote it: PlugKit's SLF4J calls
     * reached the webapp's SLF4J 1.7 binding, not a no-operation logger.
     */
    static void checkStartupLineInHostLogback(ContainerProcess container, String app) {
        assertThat(container.logText().lines())
                .as("PlugKit's startup line through the webapp's Logback 1.2; console:%n%s", container.logText())
                .anyMatch(l -> l.contains(LEGACY_LOGBACK + " INFO")
                        && l.contains("PlugKit mounted at '/" + app + "/plugkit/'"));
        assertThat(container.logText())
                .as("SLF4J found its binding")
                .doesNotContain("SLF4J: Defaulting to no-operation")
                .doesNotContain("No SLF4J providers were found");
    }

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
