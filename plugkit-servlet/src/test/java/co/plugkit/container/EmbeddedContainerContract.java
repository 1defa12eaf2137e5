package co.plugkit.container;

import static co.plugkit.testing.EmbeddedContainer.hostApp;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.PlugKit;
import co.plugkit.PlugKitConfig;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.EmbeddedContainer;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.HostHelloServlet;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestKeys;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every servlet container must show, run against embedded Tomcat 11 and Jetty 12 by the
 * subclasses: PlugKit mounted by code under a prefix in a non-root context, and by
 * {@link PlugKitInitializer} from context-params; each connects an account through the stand-in
 * Instagram over real HTTP, leaves the host's own page alone, and keeps to its own webapp.
 */
abstract class EmbeddedContainerContract {
    /** A bootstrap key, the same in every webapp of a test: isolation must come from the webapp, not the key. */
    static final String BOOTSTRAP_KEY = "sk_" + "5eed".repeat(16);

    MutableClock clock;
    FakeInstagram instagram;
    EmbeddedContainer container;

    abstract EmbeddedContainer newContainer();

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        container = newContainer();
    }

    @AfterEach
    void stop() throws Exception {
        container.close();
        instagram.close();
    }

    /**
     * The context-params of a webapp that mounts PlugKit at {@code /plugkit} through the initializer, as
     * its {@code web.xml} would declare them, on its own in-memory H2 database. The client secret is
     * not among them: it comes from the environment.
     */
    Map<String, String> contextParams(String contextPath) {
        return instagram.webappSettings(container.baseUrl() + contextPath + "/plugkit", BOOTSTRAP_KEY);
    }

    /** The environment of the container's process: the secret stays out of web.xml. */
    static PlugKitInitializer initializer() {
        return new PlugKitInitializer(FakeInstagram.SECRET_ENVIRONMENT);
    }

    ApiClient client(String contextPath) {
        return new ApiClient(URI.create(container.baseUrl() + contextPath + "/plugkit"), BOOTSTRAP_KEY);
    }

    @Test
    void programmaticRegistrationUnderAPrefixInANonRootContext() {
        URI publicUrl = URI.create(container.baseUrl() + "/shop/plugkit");
        PlugKitConfig config = PlugKitConfig.builder()
                .publicUrl(publicUrl.toString())
                .clientId(FakeInstagram.CLIENT_ID)
                .clientSecret(FakeInstagram.CLIENT_SECRET)
                .authorizeUrl(instagram.authorizeUrl().toString())
                .apiUrl(instagram.baseUrl().toString())
                .graphUrl(instagram.baseUrl().toString())
                .encryptionKey(TestKeys.ENCRYPTION_KEY)
                .allowedRedirectUrls(List.of(container.baseUrl() + "/shop/connected"))
                .build();
        instagram.registerRedirectUri(config.redirectUri().toString());
        try (PlugKit plugKit = PlugKit.builder()
                .config(config)
                .dataSource(PlugKitServer.h2InMemory())
                .build()) {
            container.addWebapp(
                    "/shop", Map.of(), List.of(hostApp(), (classes, context) -> plugKit.register(context, "/plugkit")));
            container.start();
            ApiClient client = new ApiClient(
                    publicUrl, plugKit.createWorkspace("Shop").apiKey().secret().reveal());
            String profileId = client.createProfile("Jane");

            URI authUrl =
                    URI.create(client.connect(profileId).json().get("authUrl").asText());
            assertThat(queryParam(authUrl, "redirect_uri"))
                    .isEqualTo(container.baseUrl() + "/shop/plugkit/v1/connect/instagram/callback");
            Response page = ApiClient.followToCallback(authUrl);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("@acme is connected");

            Response redirected = client.connectThroughBrowser(
                    profileId, Optional.of(container.baseUrl() + "/shop/connected?tab=instagram"));
            assertThat(redirected.status()).isEqualTo(303);
            assertThat(redirected.header("Location").orElseThrow())
                    .startsWith(container.baseUrl() + "/shop/connected?tab=instagram&status=connected&accountId=acc_");

            assertThat(client.get("/v1/accounts").json().get("data")).hasSize(1);
            assertHostPageWorks("/shop");
            assertThat(ApiClient.browse(URI.create(container.baseUrl() + "/shop/v1/health"))
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void initializerMountsPlugKitFromContextParamsWithTheSecretFromTheEnvironment() {
        Map<String, String> params = contextParams("/crm");
        params.put("plugkit.instagram.clientSecret", "overridden-by-the-environment");
        container.addWebapp("/crm", params, List.of(hostApp(), initializer()));
        container.start();

        ApiClient client = client("/crm");
        assertThat(client.get("/v1/health").json().get("status").asText()).isEqualTo("ok");
        String profileId = client.createProfile("Jane");
        Response page = client.connectThroughBrowser(profileId, Optional.empty());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("@acme is connected");
        assertThat(client.get("/v1/accounts?profileId=" + profileId).json().get("data"))
                .hasSize(1);
        assertThat(instagram.codeExchangeForms())
                .singleElement()
                .satisfies(form -> assertThat(form.get("client_secret")).isEqualTo(FakeInstagram.CLIENT_SECRET));
        assertHostPageWorks("/crm");
    }

    /**
     * A WAR without the demo and without a bootstrap key gets its first API key as docs/deploy/first-api-key.md
     * says: the admin token from the environment, then one admin call for the default workspace.
     */
    @Test
    void aWarGetsItsFirstKeyFromTheAdminRoute() {
        Map<String, String> params = contextParams("/crm");
        params.remove("plugkit.bootstrapApiKey");
        Map<String, String> environment = new java.util.HashMap<>(FakeInstagram.SECRET_ENVIRONMENT);
        environment.put("PLUGKIT_ADMIN_TOKEN", TestKeys.ADMIN_TOKEN);
        container.addWebapp("/crm", params, List.of(hostApp(), new PlugKitInitializer(environment)));
        container.start();
        URI base = URI.create(container.baseUrl() + "/crm/plugkit");
        assertThat(new ApiClient(base, BOOTSTRAP_KEY).get("/v1/profiles").status())
                .as("no bootstrap key was configured")
                .isEqualTo(401);

        Response created = new ApiClient(base, TestKeys.ADMIN_TOKEN)
                .post("/admin/v1/workspaces/ws_default/api-keys", "{\"name\":\"backend\"}");

        assertThat(created.status()).isEqualTo(201);
        ApiClient client = new ApiClient(base, created.json().get("key").asText());
        String profileId = client.createProfile("Jane");
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).body())
                .contains("@acme is connected");
        assertThat(client.get("/v1/accounts").json().get("data")).hasSize(1);
    }

    @Test
    void twoWebappsInOneContainerEachSeeOnlyTheirOwnAccounts() {
        container.addWebapp("/shop", contextParams("/shop"), List.of(hostApp(), initializer()));
        container.addWebapp("/crm", contextParams("/crm"), List.of(hostApp(), initializer()));
        container.start();
        ApiClient shop = client("/shop");
        ApiClient crm = client("/crm");

        String shopProfile = shop.createProfile("Jane");
        assertThat(shop.connectThroughBrowser(shopProfile, Optional.empty()).status())
                .isEqualTo(200);

        assertThat(shop.get("/v1/accounts").json().get("data")).hasSize(1);
        assertThat(crm.get("/v1/accounts").json().get("data")).isEmpty();
        assertThat(crm.get("/v1/profiles").json().get("data")).isEmpty();
        assertThat(crm.get("/v1/profiles/" + shopProfile).status()).isEqualTo(404);
        assertThat(crm.connect(shopProfile).status()).isEqualTo(404);
    }

    @Test
    void aRouteTheHostAlreadyMapsStopsPlugKitInsteadOfLosingTheRouteQuietly() {
        ServletContainerInitializer squatter = (classes, context) ->
                context.addServlet("host-health", new HostHelloServlet()).addMapping("/plugkit/v1/health");
        container.addWebapp("/crm", contextParams("/crm"), List.of(squatter, initializer()));

        try {
            container.start();
        } catch (IllegalStateException e) {
            // Some containers report a webapp that failed to start by failing their own start.
        }

        assertThat(container.isAvailable("/crm"))
                .as("PlugKit refuses to start with one of its routes answered by the host")
                .isFalse();
    }

    @Test
    void aWebappThatDoesNotConfigurePlugKitGetsNothingMounted() {
        container.addWebapp("/plain", Map.of(), List.of(hostApp(), new PlugKitInitializer(Map.of())));
        container.start();

        assertThat(container.isAvailable("/plain")).isTrue();
        assertHostPageWorks("/plain");
        assertThat(ApiClient.browse(URI.create(container.baseUrl() + "/plain/plugkit/v1/health"))
                        .status())
                .isEqualTo(404);
        assertThat(ApiClient.browse(URI.create(container.baseUrl() + "/plain/v1/health"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void stoppingTheWebappStopsThePoolPlugKitOpened() {
        container.addWebapp("/crm", contextParams("/crm"), List.of(hostApp(), initializer()));
        container.start();
        assertThat(client("/crm").get("/v1/health").status()).isEqualTo(200);
        assertThat(threadsNamed("plugkit-crm")).isNotEmpty();

        container.stopWebapp("/crm");

        // At once, not eventually: a container looks for a stopped webapp's threads right away.
        assertThat(threadsNamed("plugkit-crm")).isEmpty();
        assertThat(client("/crm").get("/v1/health").status()).isNotEqualTo(200);
    }

    void assertHostPageWorks(String contextPath) {
        Response hello = ApiClient.browse(URI.create(container.baseUrl() + contextPath + "/hello"));
        assertThat(hello.status()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hello from the host app at '" + contextPath + "'");
    }

    static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }

    static String queryParam(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }
}
