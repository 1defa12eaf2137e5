package co.plugkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.PlugKitServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code sh} snippet of docs/using-accounts.md, in order, against PlugKit in sandbox mode: each
 * {@code curl} (and each {@code NAME=$(curl … | jq -r FILTER)}) is sent as curl would send it, and must
 * succeed. A snippet using a curl option this runner does not know fails the test, so the docs cannot drift
 * into something untested.
 */
class UsingAccountsCurlDocTest {
    private static final Path DOC = Path.of("..", "docs", "using-accounts.md");
    private static final Pattern ASSIGNMENT =
            Pattern.compile("(?s)([A-Z_]+)=\\$\\((curl .*)\\|\\s*jq -r\\s+(\\S+)\\s*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Z_]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlugKitServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        server = PlugKitServer.startSandbox(Clock.systemUTC(), "", new PlugKitSandbox());
        client = server.defaultWorkspaceClient();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void everyCurlSnippetRunsAgainstTheSandbox() throws Exception {
        String accountId = connectAcmeCoffee();
        Map<String, String> vars = new HashMap<>();
        vars.put("PLUGKIT", server.baseUrl().toString());
        vars.put("PLUGKIT_KEY", client.apiKey());
        vars.put("ACCOUNT_ID", accountId);
        vars.put("IG_USER_ID", "17841400000000101");
        vars.put("RECIPIENT_ID", "1254459154682919");

        List<String> commands = commands(Files.readString(DOC));
        assertThat(commands).hasSizeGreaterThanOrEqualTo(6);
        for (String command : commands) {
            Matcher assignment = ASSIGNMENT.matcher(command);
            String curl = assignment.matches() ? assignment.group(2) : command;
            JsonNode answer = run(curl, vars);
            if (assignment.matches()) {
                String value = jq(answer, unquote(assignment.group(3)));
                assertThat(value).as(command).isNotBlank();
                vars.put(assignment.group(1), value);
            }
        }
        assertThat(vars).containsKeys("CONTAINER_ID", "MEDIA_ID", "COMMENT_ID");
        assertThat(client.get("/v1/accounts/" + accountId + "/instagram/me/media")
                        .body())
                .contains("Our new roast is here #coffee");
    }

    /** The commands of every sh block: continuation lines joined, one command per line. */
    private static List<String> commands(String doc) {
        List<String> out = new ArrayList<>();
        Matcher blocks = Pattern.compile("(?s)```sh\\n(.*?)```").matcher(doc);
        while (blocks.find()) {
            for (String line : blocks.group(1).replace("\\\n", " ").split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
        }
        return out;
    }

    private JsonNode run(String command, Map<String, String> vars) throws Exception {
        List<String> words = words(command, vars);
        assertThat(words.get(0)).isEqualTo("curl");
        String method = null;
        String url = null;
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> form = new ArrayList<>();
        String data = null;
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "-s" -> {}
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String[] h = words.get(++i).split(":\\s*", 2);
                    headers.put(h[0], h[1]);
                }
                case "--data-urlencode" -> {
                    String[] kv = words.get(++i).split("=", 2);
                    form.add(kv[0] + "=" + URLEncoder.encode(kv[1], StandardCharsets.UTF_8));
                }
                case "-d" -> data = words.get(++i);
                default -> {
                    assertThat(w)
                            .as("a curl option this runner knows, in: " + command)
                            .doesNotStartWith("-");
                    url = w;
                }
            }
        }
        String body = data != null ? data : form.isEmpty() ? null : String.join("&", form);
        if (body != null) {
            headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded"); // as curl does
        }
        String verb = method != null ? method : body != null ? "POST" : "GET";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .method(
                        verb,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(command + " → " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Shell words: single quotes literal, double quotes with \" and $VAR, bare words with $VAR. */
    private static List<String> words(String command, Map<String, String> vars) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                word.append(command, i + 1, end);
                i = end;
            } else if (c == '"') {
                StringBuilder quoted = new StringBuilder();
                for (i++; command.charAt(i) != '"'; i++) {
                    if (command.charAt(i) == '\\') {
                        i++;
                    }
                    quoted.append(command.charAt(i));
                }
                word.append(expand(quoted.toString(), vars));
            } else {
                int end = i;
                while (end < command.length()
                        && !Character.isWhitespace(command.charAt(end))
                        && "'\"".indexOf(command.charAt(end)) < 0) {
                    end++;
                }
                word.append(expand(command.substring(i, end), vars));
                i = end - 1;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String expand(String text, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            assertThat(vars).as("$" + m.group(1) + " is set before it is used").containsKey(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(vars.get(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    private static String unquote(String filter) {
        return filter.replaceAll("^'|'$", "");
    }

    /** jq's path filters: {@code .a.b[0].c}. */
    private static String jq(JsonNode node, String filter) {
        JsonNode at = node;
        for (String step : filter.substring(1).split("\\.")) {
            Matcher indexed = Pattern.compile("(\\w+)\\[(\\d+)]").matcher(step);
            at = indexed.matches() ? at.path(indexed.group(1)).path(Integer.parseInt(indexed.group(2))) : at.path(step);
        }
        return at.asText();
    }

    private String connectAcmeCoffee() throws Exception {
        String profileId = client.createProfile("Acme");
        URI authUrl = URI.create(client.connect(profileId).json().get("authUrl").asText());
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : authUrl.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        form.put("decision", "allow");
        form.put("account", "acme_coffee");
        HttpResponse<String> redirect = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(authUrl.toString().split("\\?")[0]))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                                        .map(e -> e.getKey() + "="
                                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                                        .collect(Collectors.joining("&"))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        ApiClient.browse(URI.create(
                redirect.headers().firstValue("Location").orElseThrow().split("#")[0]));
        return client.get("/v1/accounts?profileId=" + profileId)
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asText();
    }
}
