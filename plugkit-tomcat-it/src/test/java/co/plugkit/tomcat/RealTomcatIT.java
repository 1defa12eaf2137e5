package co.plugkit.tomcat;

import static co.plugkit.tomcat.CatalinaProcess.await;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example legacy WAR (docs/examples/legacy-war) deployed twice into a real Apache Tomcat (10.1 and
 * 11, the distributions from Maven Central) started with {@code catalina.sh run}: as /shop on a pool
 * PlugKit opens from {@code plugkit.db.url}, and as /crm on a Tomcat-managed DataSource by JNDI. The
 * secrets come from the environment, the per-deployment settings from context descriptors.
 */
class RealTomcatIT {
    static final String BOOTSTRAP_KEY = "sk_" + "7a11".repeat(16);
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(90);

    static Stream<Path> tomcats() {
        return Arrays.stream(System.getProperty("plugkit.it.tomcats").split(","))
                .map(Path::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void theLegacyWarGainsPlugKitAndLosesItCleanlyOnUndeploy(Path home) throws Exception {
        Path work = Path.of(System.getProperty("plugkit.it.work"));
        Path war = Path.of(System.getProperty("plugkit.it.war"));
        MutableClock clock = MutableClock.startingNow();
        try (FakeInstagram instagram = new FakeInstagram(clock)) {
            CatalinaProcess tomcat = CatalinaProcess.prepare(home, work);
            try (tomcat) {
                tomcat.addLibrary(Path.of(System.getProperty("plugkit.it.h2")));
                Path data = tomcat.base().resolve("data");
                tomcat.deploy("shop", war, descriptor("shop", tomcat, instagram, """
                          <Parameter name="plugkit.db.url" value="jdbc:h2:file:%s/shop" override="false"/>
                          <Parameter name="plugkit.db.user" value="sa" override="false"/>
                        """.formatted(data)));
                tomcat.deploy("crm", war, descriptor("crm", tomcat, instagram, """
                          <Resource name="jdbc/plugkit" auth="Container" type="javax.sql.DataSource"
                                    driverClassName="org.h2.Driver" url="jdbc:h2:file:%s/crm;DB_CLOSE_ON_EXIT=FALSE"
                                    username="sa" password="" maxTotal="4"/>
                          <Parameter name="plugkit.db.jndi" value="java:comp/env/jdbc/plugkit" override="false"/>
                        """.formatted(data)));
                tomcat.start(
                        home,
                        Map.of(
                                "PLUGKIT_INSTAGRAM_CLIENT_SECRET", FakeInstagram.CLIENT_SECRET,
                                "PLUGKIT_ENCRYPTION_KEY", TestKeys.ENCRYPTION_KEY,
                                "PLUGKIT_BOOTSTRAP_API_KEY", BOOTSTRAP_KEY));

                assertThat(await(
                                DEPLOY_TIMEOUT,
                                () -> status(tomcat, "/crm/hello") == 200 && status(tomcat, "/shop/hello") == 200))
                        .as("both webapps up; console:%n%s", tomcat.logText())
                        .isTrue();
                assertThat(ApiClient.browse(url(tomcat, "/shop/hello")).body())
                        .isEqualTo("legacy app at '/shop' says hello");

                ApiClient shop = new ApiClient(url(tomcat, "/shop/plugkit"), BOOTSTRAP_KEY);
                ApiClient crm = new ApiClient(url(tomcat, "/crm/plugkit"), BOOTSTRAP_KEY);
                assertThat(shop.get("/v1/health").json().get("database").asText())
                        .isEqualTo("up");
                String profileId = shop.createProfile("Jane");
                Response page = shop.connectThroughBrowser(profileId, Optional.empty());
                assertThat(page.body()).contains("@acme is connected");
                assertThat(shop.get("/v1/accounts").json().get("data")).hasSize(1);
                assertThat(crm.get("/v1/accounts").json().get("data")).isEmpty();
                assertThat(crm.get("/v1/profiles/" + profileId).status()).isEqualTo(404);
                assertThat(crm.connectThroughBrowser(crm.createProfile("Joe"), Optional.empty())
                                .body())
                        .contains("@acme is connected");
                assertThat(tomcat.threadNames()).anyMatch(name -> name.startsWith("plugkit-shop"));

                tomcat.undeploy("shop");

                assertThat(await(DEPLOY_TIMEOUT, () -> status(tomcat, "/shop/hello") == 404))
                        .isTrue();
                assertThat(await(
                                Duration.ofSeconds(10),
                                () -> tomcat.logText().contains("PlugKit stopped in webapp '/shop'")))
                        .isTrue();
                assertThat(tomcat.threadNames()).noneMatch(name -> name.startsWith("plugkit-shop"));
                assertThat(tomcat.logText()
                                .lines()
                                .filter(l -> l.contains("memory leak") || l.contains("failed to stop")))
                        .as("Tomcat's leak detection")
                        .isEmpty();
                assertThat(crm.get("/v1/accounts").json().get("data")).hasSize(1);
            } finally {
                System.out.println("---- " + home.getFileName() + " console ----\n" + tomcat.logText());
            }
            assertThat(tomcat.isAlive()).isFalse();
        }
    }

    private static String descriptor(String app, CatalinaProcess tomcat, FakeInstagram instagram, String database) {
        instagram.registerRedirectUri(tomcat.baseUrl() + "/" + app + "/plugkit/v1/connect/instagram/callback");
        return template()
                .replace("${app}", app)
                .replace("${port}", Integer.toString(tomcat.port()))
                .replace("${instagram}", instagram.baseUrl().toString())
                .replace("${database}", database.stripTrailing());
    }

    private static String template() {
        try (InputStream in = RealTomcatIT.class.getResourceAsStream("/context-descriptor.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI url(CatalinaProcess tomcat, String path) {
        return URI.create(tomcat.baseUrl() + path);
    }

    private static int status(CatalinaProcess tomcat, String path) {
        try {
            return ApiClient.browse(url(tomcat, path)).status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }
}
