package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.AccountToken;
import co.plugkit.model.AccountUnavailableException;
import co.plugkit.model.NewWorkspace;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.FakeInstagram.IgAccount;
import co.plugkit.testing.MutableClock;
import co.plugkit.testing.PlugKitServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java snippet of docs/using-accounts.md is {@link #latestPosts}'s body, character for character (the
 * test compares them), and it runs here against the stand-in Instagram: a connected account's media, and
 * the typed failure of an account that must be connected again.
 */
class UsingAccountsJavaDocTest {
    private static final Path DOC = Path.of("..", "docs", "using-accounts.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "co", "plugkit", "UsingAccountsJavaDocTest.java");
    private static final IgAccount ACME = IgAccount.business("17841400000000001", "acme");

    private final HttpClient http = HttpClient.newHttpClient();
    private MutableClock clock;
    private FakeInstagram instagram;
    private PlugKitServer server;
    private PlugKit plugKit;
    private String graphUrl;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        instagram = new FakeInstagram(clock);
        server = PlugKitServer.start(instagram, clock);
        plugKit = server.plugKit();
        graphUrl = instagram.baseUrl().toString();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        instagram.close();
    }

    String latestPosts(WorkspaceId workspaceId, AccountId accountId) throws IOException, InterruptedException {
        // doc:begin
        try {
            AccountToken token = plugKit.accessToken(workspaceId, accountId);
            HttpRequest request = HttpRequest.newBuilder(URI.create(graphUrl + "/v25.0/me/media?fields=id,caption"))
                    .header("Authorization", "Bearer " + token.accessToken().reveal())
                    .build();
            HttpResponse<String> media = http.send(request, HttpResponse.BodyHandlers.ofString());
            return media.body();
        } catch (AccountUnavailableException e) {
            if (e.reason() == AccountUnavailableException.Reason.NEEDS_RECONNECT) {
                return "Please connect @account again (" + e.statusReason().orElse("") + ")";
            }
            throw new IllegalStateException("No usable account " + accountId + ": " + e.reason(), e);
        }
        // doc:end
    }

    @Test
    void theDocsJavaSnippetIsThisTestsCode() throws Exception {
        Matcher doc = Pattern.compile("(?s)```java\\n(.*?)```").matcher(Files.readString(DOC));
        assertThat(doc.find()).isTrue();
        Matcher code =
                Pattern.compile("(?s)// doc:begin\\n(.*?)\\n\\s*// doc:end").matcher(Files.readString(SOURCE));
        assertThat(code.find()).isTrue();
        assertThat(dedent(doc.group(1)).strip()).isEqualTo(dedent(code.group(1)).strip());
    }

    @Test
    void theSnippetReadsTheMediaOfAConnectedAccount() throws Exception {
        NewWorkspace created = plugKit.createWorkspace("Acme");
        ApiClient client =
                new ApiClient(server.baseUrl(), created.apiKey().secret().reveal());
        instagram.approveAs(ACME);
        client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty());
        AccountId id = AccountId.parse(client.get("/v1/accounts")
                        .json()
                        .get("data")
                        .get(0)
                        .get("id")
                        .asText())
                .orElseThrow();

        assertThat(latestPosts(created.workspace().id(), id)).contains("first post of @acme");

        instagram.revokeTokensOf(ACME.userId());
        clock.advance(Duration.ofDays(31)); // the refresh before use finds the revocation
        assertThat(latestPosts(created.workspace().id(), id))
                .isEqualTo("Please connect @account again (password_changed)");
    }

    private static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return String.join(
                "\n",
                lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
