package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import co.plugkit.internal.crypto.SignedRequest;
import co.plugkit.model.NewWorkspace;
import co.plugkit.secret.Secret;
import co.plugkit.testing.ApiClient;
import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.TestKeys;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes PlugKit's servlets through a real Jetty on a loopback port (one server for the class, with a
 * workspace, a profile and a connected account, so sealed tokens are in the database). Each input is one
 * HTTP/1.1 request, written byte for byte on a socket: fuzzed method, path, query (broken %-escapes
 * too), headers (the fixture's API key or admin token, or anything else) and body (JSON, a {@code
 * signed_request} signed with the app secret, raw or oversized bytes); see {@link #request} for the
 * input's form. The committed inputs cover every route.
 *
 * <p>Properties: every request gets an answer; no 5xx but 503 (and the host's 501 for an unknown method
 * outside PlugKit's paths); an error answer never shows SQL, a Java exception's name (Instagram's {@code
 * OAuthException} aside), a stack trace or a sealed token; no answer at all holds the fixture's sealed
 * tokens, Instagram tokens, API key or admin token; no request makes PlugKit log an ERROR (an
 * unexpected failure); PlugKit connects to nothing but loopback; and the
 * server still answers {@code /v1/health} after each request. Text the caller put in the request line
 * itself may come back (a path or method named in an error): that alone is not counted; nor is Jetty's
 * own TRACE echo on a path outside PlugKit's.
 *
 * <p>{@code mvn verify} replays {@code src/test/resources/co/plugkit/HttpFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes (see docs/fuzzing.md).
 */
class HttpFuzzTest extends SharedServerTest {
    /** Forbidden in an error answer (as ErrorBodySweep checks for every other test). */
    private static final Pattern FORBIDDEN =
            Pattern.compile("SQL|(?<!OAuth)Exception|ciphertext|eyJhbGciOiJkaXIi|\\bat [a-z]+\\.[a-z]+\\.");

    private static final Pattern REQUEST_ID = Pattern.compile("req_[A-Za-z0-9_-]{12}");
    private static final String HEX = "0123456789abcdefABCDEF";
    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    /** Headers the client writes itself, so every request stays well-formed HTTP/1.1. */
    private static final Set<String> OWN_HEADERS =
            Set.of("host", "connection", "content-length", "transfer-encoding", "expect", "upgrade", "te");

    private ApiClient client;
    private String profileId;
    private String accountId;
    private String workspaceId;
    private final List<String> secrets = new ArrayList<>();
    private Level previousLevel;
    /** PlugKit's ERROR events (an unexpected failure, logged with its stack): none may come from a request. */
    private final ListAppender<ILoggingEvent> errors = new ListAppender<>();

    @BeforeAll
    void fixture() throws Exception {
        NewWorkspace workspace = server.plugKit().createWorkspace("Fuzzed workspace");
        workspaceId = workspace.workspace().id().value();
        client = new ApiClient(server.baseUrl(), workspace.apiKey().secret().reveal());
        profileId = client.createProfile("Fuzzed profile");
        accountId = connect(client, profileId);
        try (Connection c = server.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(
                        "SELECT token_ciphertext FROM plugkit_accounts WHERE token_ciphertext IS NOT NULL")) {
            while (rows.next()) {
                secrets.add(rows.getString(1));
            }
        }
        assertThat(secrets).as("the fixture holds a sealed token").isNotEmpty();
        secrets.addAll(instagram.issuedLongLivedTokens());
        secrets.add(client.apiKey());
        secrets.add(TestKeys.ADMIN_TOKEN);
        // Every refused request is logged; thousands a second would drown the run. Errors still show.
        Logger plugkit = (Logger) LoggerFactory.getLogger("co.plugkit");
        previousLevel = plugkit.getLevel();
        plugkit.setLevel(Level.ERROR);
        errors.start();
        plugkit.addAppender(errors);
    }

    @AfterAll
    void restoreLogging() {
        Logger plugkit = (Logger) LoggerFactory.getLogger("co.plugkit");
        plugkit.detachAppender(errors);
        plugkit.setLevel(previousLevel);
    }

    /**
     * Input: a request as text, HTTP-like with plain line breaks: {@code METHOD TARGET}, header lines, an
     * empty line, the body (bytes as they are). {@code $KEY}, {@code $ADMIN}, {@code $PROFILE}, {@code
     * $ACCOUNT} and {@code $WORKSPACE} stand for the fixture's API key, admin token and ids. A body
     * {@code $SIGNED <payload>} becomes the form {@code signed_request=…} with the payload signed with the
     * app secret; {@code $REPEAT <n> <text>} repeats the text to n bytes (at most 1 MB). The method is cut
     * to token characters, a target byte that may not stand in a request line is %-escaped (so broken
     * escapes such as {@code %zz} go through), header names and values are cleaned to valid HTTP, and
     * Host, Connection and Content-Length are the client's own.
     */
    @FuzzTest(maxDuration = "2m")
    void request(byte[] input) throws IOException {
        int split = indexOf(input, new byte[] {'\n', '\n'});
        String head = new String(split < 0 ? input : Arrays.copyOfRange(input, 0, split), StandardCharsets.UTF_8)
                .replace("\r", "");
        byte[] rawBody = split < 0 ? null : Arrays.copyOfRange(input, split + 2, input.length);
        String[] lines = head.split("\n", -1);
        String first = substitute(lines[0]);
        int space = first.indexOf(' ');
        String method = token(space < 0 ? first : first.substring(0, space), "GET");
        String target = target(space < 0 ? "/v1/health" : first.substring(space + 1));
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = substitute(lines[i]);
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = token(line.substring(0, colon), "X-Fuzz");
                if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.add(name + ": " + headerValue(line.substring(colon + 1)));
                }
            }
        }
        byte[] body = body(rawBody);

        try (SilentCloseable loopbackOnly = BugDetectors.allowNetworkConnections(HttpFuzzTest::loopback)) {
            synchronized (errors.list) {
                errors.list.clear();
            }
            String answer = send(method, target, headers, body);
            checkAnswer(method, target, answer);
            synchronized (errors.list) {
                if (!errors.list.isEmpty()) {
                    ILoggingEvent event = errors.list.get(0);
                    throw new AssertionError("PlugKit logged an unexpected failure for " + method + " " + target
                            + ": " + event.getFormattedMessage()
                            + (event.getThrowableProxy() == null
                                    ? ""
                                    : " (" + event.getThrowableProxy().getClassName() + ": "
                                            + event.getThrowableProxy().getMessage() + ")"));
                }
            }
            String health = send("GET", "/v1/health", List.of(), null);
            assertThat(status(health))
                    .as("the server still answers after " + method + " " + target)
                    .isEqualTo(200);
        }
    }

    private String substitute(String text) {
        return text.replace("$KEY", client.apiKey())
                .replace("$ADMIN", TestKeys.ADMIN_TOKEN)
                .replace("$PROFILE", profileId)
                .replace("$ACCOUNT", accountId)
                .replace("$WORKSPACE", workspaceId);
    }

    private byte[] body(byte[] raw) {
        if (raw == null) {
            return null;
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.startsWith("$SIGNED ")) {
            String signed = SignedRequest.sign(Secret.of(FakeInstagram.CLIENT_SECRET), substitute(text.substring(8)));
            return ("signed_request=" + segment(signed)).getBytes(StandardCharsets.US_ASCII);
        }
        Matcher repeat = Pattern.compile("\\$REPEAT (\\d{1,7}) ").matcher(text);
        if (repeat.lookingAt()) {
            byte[] unit = text.substring(repeat.end()).getBytes(StandardCharsets.UTF_8);
            int size = Math.min(1_000_000, Integer.parseInt(repeat.group(1)));
            byte[] out = new byte[unit.length == 0 ? 0 : size];
            for (int i = 0; i < out.length; i++) {
                out[i] = unit[i % unit.length];
            }
            return out;
        }
        return substitute(text).equals(text) ? raw : substitute(text).getBytes(StandardCharsets.UTF_8);
    }

    /** The request target: bytes that may stand in a request line as they are, others %-escaped. */
    private static String target(String text) {
        StringBuilder out = new StringBuilder(text.startsWith("/") || text.startsWith("*") ? "" : "/");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '#') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void checkAnswer(String method, String target, String answer) {
        String request = method + " " + target;
        int status = status(answer);
        assertThat(status).as("status of %s", request).isBetween(100, 599);
        if (status == 501 && !STANDARD_METHODS.contains(method) && !answer.contains("X-Request-Id:")) {
            // The host's answer (Jetty's HttpServlet) to a method nobody knows, on a path PlugKit does not
            // serve: "not implemented" is the right word there. PlugKit itself never answers 501 (its
            // routes answer 405 with Allow), and its JSON answers carry X-Request-Id.
        } else if (status >= 500) {
            assertThat(status).as("%s answered %s", request, answer).isEqualTo(503);
        }
        // What the caller wrote in the request line may come back (a 404 page naming the path, a 405
        // naming the method, an id in "No account … in this workspace"): that is an echo, not a leak.
        // Headers and bodies get no such pass: an Authorization header or a JSON value repeated in an
        // answer is a finding.
        String requestLine = request + " " + percentDecoded(target);
        // Jetty's own answer to TRACE on a path no servlet of PlugKit serves (its Default404Servlet
        // inherits HttpServlet.doTrace) echoes the request, headers included: the host's concern (the
        // demo and Tomcat refuse TRACE); PlugKit's routes answer 405 (HttpMethodsTest), never message/http.
        boolean hostTraceEcho = method.equals("TRACE")
                && status == 200
                && answer.contains("\r\nContent-Type: message/http")
                && !answer.contains("X-Request-Id:");
        for (String secret : secrets) {
            if (!requestLine.contains(secret) && !hostTraceEcho) {
                assertThat(answer).as("answer to %s", request).doesNotContain(secret);
            }
        }
        if (status >= 400) {
            // The random request id (req_ and 12 base64url characters) may spell "SQL" by chance.
            String body = REQUEST_ID.matcher(body(answer)).replaceAll("req_…");
            Matcher m = FORBIDDEN.matcher(body);
            while (m.find()) {
                if (!requestLine.contains(m.group())) {
                    throw new AssertionError("error answer to " + request + " shows '" + m.group() + "': " + answer);
                }
            }
        }
    }

    /** Writes the request on a fresh connection and reads the whole answer (the server closes). */
    private String send(String method, String target, List<String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(server.baseUrl().getPort())
                .append("\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        IOException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress("127.0.0.1", server.baseUrl().getPort()), 5_000);
                socket.setSoTimeout(20_000);
                socket.setTcpNoDelay(true);
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    request.writeBytes(body);
                }
                try {
                    socket.getOutputStream().write(request.toByteArray());
                } catch (IOException e) {
                    // The server may answer (413) and close before reading all of a large body.
                }
                String answer = readAll(socket.getInputStream());
                if (answer.startsWith("HTTP/1.1 ")) {
                    return answer;
                }
                last = new IOException("no answer: '" + answer + "'");
            } catch (IOException e) {
                last = e;
            }
        }
        throw new AssertionError("no answer to " + method + " " + target, last);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (out.size() == 0) {
                throw e;
            }
            // A reset after the answer arrived (the server closed with request bytes unread).
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    /** The body, chunks joined (chunk-size lines are hex digits and cannot spell what is looked for). */
    private static String body(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return end < 0 ? "" : answer.substring(end + 4);
    }

    /** The target with its %-escapes decoded as UTF-8 where they are well-formed. */
    private static String percentDecoded(String target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%'
                    && i + 2 < target.length()
                    && HEX.indexOf(target.charAt(i + 1)) >= 0
                    && HEX.indexOf(target.charAt(i + 2)) >= 0) {
                out.write(Integer.parseInt(target.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean loopback(String host, int port) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }

    /** A path segment or query value: unreserved characters as they are, every other byte %-escaped. */
    private static String segment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** An HTTP token (method or header name), or {@code fallback} if nothing of {@code text} is one. */
    private static String token(String text, String fallback) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0) {
                out.append(c);
            }
        }
        return out.isEmpty() ? fallback : out.toString();
    }

    /** A header value: no line breaks or other control characters, nothing past Latin-1. */
    private static String headerValue(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff ? '_' : c);
        }
        return out.toString().strip();
    }
}
