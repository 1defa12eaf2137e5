package com.example.springhost;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.container.PlugKitInitializer;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.EmbeddedTomcat;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.SpringServletContainerInitializer;

/**
 * A Spring MVC host and PlugKit in one webapp of embedded Tomcat 11: the host's {@link HostInitializer}
 * puts Spring's DispatcherServlet at {@code /}, PlugKit's initializer mounts PlugKit at {@code /plugkit}
 * from context-params, and both write JSON with the one Jackson on the class path.
 */
class SpringMvcHostTest {
    private static final String BOOTSTRAP_KEY = "sk_" + "5eed".repeat(16);
    /** The webapp is the container's root, as a Spring app usually is. */
    private static final String ROOT = "";

    private FakeInstagram instagram;
    private EmbeddedTomcat tomcat;
    private URI base;

    @BeforeEach
    void start() {
        instagram = new FakeInstagram(MutableClock.startingNow());
        tomcat = new EmbeddedTomcat();
        base = tomcat.baseUrl();
        tomcat.addWebapp(ROOT, plugKitContextParams(), List.of(spring(), plugKit()));
        tomcat.start();
        assertThat(tomcat.isAvailable(ROOT)).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.close();
        instagram.close();
    }

    /**
     * What Tomcat does for a WAR with Spring in WEB-INF/lib: it runs Spring's initializer with the
     * {@code WebApplicationInitializer}s it found, here the host's.
     */
    private static ServletContainerInitializer spring() {
        return (classes, context) ->
                new SpringServletContainerInitializer().onStartup(Set.of(HostInitializer.class), context);
    }

    /**
     * PlugKit's initializer as the container runs it, with the process environment given as a map: the
     * client secret comes from {@code PLUGKIT_INSTAGRAM_CLIENT_SECRET}, not from a context-param.
     */
    private static PlugKitInitializer plugKit() {
        return new PlugKitInitializer(FakeInstagram.SECRET_ENVIRONMENT);
    }

    /** The context-params a web.xml would declare for PlugKit, on an in-memory H2 database. */
    private Map<String, String> plugKitContextParams() {
        return instagram.webappSettings(base + "/plugkit", BOOTSTRAP_KEY);
    }

    private ApiClient plugKitClient() {
        return new ApiClient(URI.create(base + "/plugkit"), BOOTSTRAP_KEY);
    }

    private Response browse(String path) {
        return ApiClient.browse(URI.create(base + path));
    }

    @Test
    void springAnswersJsonThroughItsOwnJacksonConverter() {
        Response about = browse("/api/about");

        assertThat(about.status()).isEqualTo(200);
        assertThat(about.header("Content-Type")).hasValue("application/json");
        JsonNode json = about.json();
        assertThat(json.get("app").asText()).isEqualTo("spring-host");
        // The host's choice: an Instant as ISO-8601 text, through the java.time module Spring registered.
        assertThat(json.get("openedAt").isTextual()).isTrue();
        assertThat(json.get("openedAt").asText()).isEqualTo("2026-01-15T09:30:00.250Z");
        // The one Jackson and the Spring the build resolved: the versions the parent POM pins.
        assertThat(json.get("jackson").asText()).isEqualTo(System.getProperty("plugkit.expected.jackson"));
        assertThat(json.get("spring").asText()).isEqualTo(System.getProperty("plugkit.expected.spring"));

        Response order = new ApiClient(base, null)
                .post("/api/orders", "{\"item\":\"mug\",\"quantity\":2,\"placedAt\":\"2026-02-03T04:05:06Z\"}");
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.json().toString())
                .isEqualTo("{\"item\":\"mug\",\"quantity\":2,\"placedAt\":\"2026-02-03T04:05:06Z\"}");
    }

    @Test
    void plugKitConnectsAnAccountUnderItsPrefix() {
        ApiClient client = plugKitClient();

        Response health = client.get("/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        assertThat(health.json().get("database").asText()).isEqualTo("up");

        String profileId = client.createProfile("Jane");
        Response connect = client.connect(profileId);
        assertThat(connect.status()).isEqualTo(200);
        assertThat(connect.json().get("authUrl").asText()).startsWith(instagram.authorizeUrl() + "?");

        Response page = client.connectThroughBrowser(profileId, Optional.empty());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@acme is connected");

        JsonNode accounts =
                client.get("/v1/accounts?profileId=" + profileId).json().get("data");
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).get("username").asText()).isEqualTo("acme");
        assertThat(accounts.get(0).get("status").asText()).isEqualTo("active");
        assertThat(instagram.codeExchangeForms())
                .singleElement()
                .satisfies(form -> assertThat(form.get("client_secret")).isEqualTo(FakeInstagram.CLIENT_SECRET));
    }

    @Test
    void neitherServletSwallowsTheOthersPaths() {
        // PlugKit's paths reach PlugKit, not the DispatcherServlet at "/": its health, and its own JSON 404
        // (with a requestId) for an unknown route under /plugkit/v1.
        Response health = browse("/plugkit/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        Response unknown = browse("/plugkit/v1/no-such-route");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("requestId").asText()).isNotEmpty();
        assertThat(plugKitClient().get("/v1/profiles").status()).isEqualTo(200);

        // The host's paths reach Spring, not PlugKit: its API, and Spring's problem detail for a path it
        // does not know, even one that PlugKit serves under its prefix.
        assertThat(browse("/api/about").status()).isEqualTo(200);
        assertSpringNotFound("/v1/health");
        assertSpringNotFound("/api/no-such-route");
        assertSpringNotFound("/plugkit/api/about");
    }

    private void assertSpringNotFound(String path) {
        Response response = browse(path);
        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.header("Content-Type")).as(path).hasValue("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("instance").asText()).as(path).isEqualTo(path);
        assertThat(problem.has("error")).as(path).isFalse();
    }

    @Test
    void stoppingTheWebappLeavesNoPlugKitThread() {
        ApiClient client = plugKitClient();
        assertThat(client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty())
                        .status())
                .isEqualTo(200);
        assertThat(threadsNamed("plugkit-")).as("PlugKit's pool runs").isNotEmpty();

        tomcat.stopWebapp(ROOT);

        // At once: Tomcat's leak detection looks right after the stop.
        assertThat(threadsNamed("plugkit-")).isEmpty();
        assertThat(tomcat.leakWarnings()).isEmpty();
        assertThat(browse("/api/about").status()).isNotEqualTo(200);
        assertThat(browse("/plugkit/v1/health").status()).isNotEqualTo(200);
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }
}
