package co.plugkit.container;

import static co.plugkit.testing.EmbeddedContainer.hostApp;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.PlugKit;
import co.plugkit.PlugKitConfig;
import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.AccountToken;
import co.plugkit.model.AccountUnavailableException;
import co.plugkit.model.NewWorkspace;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.ApiClient.Response;
import co.plugkit.testing.Concurrently;
import co.plugkit.testing.EmbeddedTomcat;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import co.plugkit.testing.TestKeys;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host webapp in embedded Tomcat that uses a connected account in the same JVM: its own servlet asks
 * {@link PlugKit#accessToken} for the token and calls Instagram's Graph API with it, as the legacy WAR
 * case would, with an injected clock to reach the refresh-before-use path.
 */
class HostUsesAccountTomcatTest {
    private static final IgAccount ACME = IgAccount.business("17841400000000001", "acme");

    private MutableClock clock;
    private FakeInstagram instagram;
    private EmbeddedTomcat tomcat;
    private PlugKit plugKit;
    private ApiClient client;
    private WorkspaceId workspace;

    /**
     * The host's page: the account's latest posts, fetched by the host itself with PlugKit's token. It never
     * prints the token; a token it cannot have becomes a "connect again" answer.
     */
    static final class HostPostsServlet extends HttpServlet {
        private final transient PlugKit plugKit;
        private final transient WorkspaceId workspace;
        private final transient URI graphUrl;
        private final transient HttpClient http = HttpClient.newHttpClient();

        HostPostsServlet(PlugKit plugKit, WorkspaceId workspace, URI graphUrl) {
            this.plugKit = plugKit;
            this.workspace = workspace;
            this.graphUrl = graphUrl;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            AccountId account = AccountId.parse(request.getParameter("account")).orElseThrow();
            AccountToken token;
            try {
                token = plugKit.accessToken(workspace, account);
            } catch (AccountUnavailableException e) {
                response.setStatus(409);
                response.getWriter()
                        .print("connect again: " + e.reason() + " "
                                + e.statusReason().orElse(""));
                return;
            }
            HttpRequest graph = HttpRequest.newBuilder(URI.create(graphUrl + "/v25.0/me/media?fields=caption"))
                    .header("Authorization", "Bearer " + token.accessToken().reveal())
                    .build();
            try {
                HttpResponse<String> media = http.send(graph, HttpResponse.BodyHandlers.ofString());
                response.setStatus(media.statusCode() == 200 ? 200 : 502);
                response.getWriter().print(media.body() + " " + token);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.setStatus(503);
            }
        }
    }

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        tomcat = new EmbeddedTomcat();
        URI publicUrl = URI.create(tomcat.baseUrl() + "/shop/plugkit");
        PlugKitConfig config = PlugKitConfig.builder()
                .publicUrl(publicUrl.toString())
                .clientId(FakeInstagram.CLIENT_ID)
                .clientSecret(FakeInstagram.CLIENT_SECRET)
                .authorizeUrl(instagram.authorizeUrl().toString())
                .apiUrl(instagram.baseUrl().toString())
                .graphUrl(instagram.baseUrl().toString())
                .encryptionKey(TestKeys.ENCRYPTION_KEY)
                .refreshEnabled(false)
                .build();
        instagram.registerRedirectUri(config.redirectUri().toString());
        plugKit = PlugKit.builder()
                .config(config)
                .dataSource(PlugKitServer.h2InMemory())
                .clock(clock)
                .build();
        NewWorkspace shop = plugKit.createWorkspace("Shop");
        workspace = shop.workspace().id();
        HostPostsServlet posts = new HostPostsServlet(plugKit, workspace, instagram.baseUrl());
        tomcat.addWebapp(
                "/shop",
                Map.of(),
                List.of(
                        hostApp(),
                        (classes, context) ->
                                context.addServlet("host-posts", posts).addMapping("/posts"),
                        (classes, context) -> plugKit.register(context, "/plugkit")));
        tomcat.start();
        client = new ApiClient(publicUrl, shop.apiKey().secret().reveal());
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.close();
        plugKit.close();
        instagram.close();
    }

    private String connect() {
        instagram.approveAs(ACME);
        assertThat(client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty())
                        .status())
                .isEqualTo(200);
        return client.get("/v1/accounts").json().get("data").get(0).get("id").asText();
    }

    private Response posts(String account) {
        return ApiClient.browseOnce(URI.create(tomcat.baseUrl() + "/shop/posts?account=" + account));
    }

    @Test
    void theHostsOwnServletPostsWithTheTokenPlugKitHandsItAndNeverShowsIt() {
        String account = connect();

        Response page = posts(account);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("first post of @acme").contains("accessToken=****");
        for (String token : instagram.issuedLongLivedTokens()) {
            assertThat(page.body()).doesNotContain(token);
        }
    }

    @Test
    void twoRacingRequestsOfTheHostRefreshAnExpiringTokenOnce() throws Exception {
        String account = connect();
        clock.advance(Duration.ofDays(35));
        instagram.refreshDelay(Duration.ofMillis(800));

        Callable<Response> open = () -> posts(account);
        List<Response> pages = Concurrently.run(2, List.of(open, open));

        assertThat(pages).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.body()).contains("first post of @acme");
        });
        assertThat(instagram.successfulRefreshes()).isEqualTo(1);
        assertThat(client.get("/v1/accounts/" + account)
                        .json()
                        .get("tokenExpiresAt")
                        .asText())
                .startsWith(clock.instant().plus(Duration.ofDays(59)).toString().substring(0, 8));
    }

    @Test
    void anAccountThatMustBeConnectedAgainIsTheHostsTypedCase() {
        String account = connect();
        instagram.revokeTokensOf(ACME.userId());
        clock.advance(Duration.ofDays(35)); // the refresh before use finds out

        Response page = posts(account);

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.body()).isEqualTo("connect again: NEEDS_RECONNECT password_changed");
    }
}
