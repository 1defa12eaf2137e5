package co.plugkit.testing;

import co.plugkit.testing.FakeInstagram.IgAccount;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Graph API part of {@link FakeInstagram} (the paths below {@code /{version}/} other than {@code /me}
 * and the revocation): records every call with the token it carried, answers a few paths as Instagram
 * does ({@code GET me/media}, the publishing pair), and answers the next calls with queued
 * {@link Answer}s — an error, usage headers, a slow or huge body — for the proxy's tests.
 */
public final class FakeGraph {

    /** One call as it arrived: method, path (with the version), raw query, body and the bearer token. */
    public record Call(String method, String path, String query, String contentType, String body, String token) {}

    /** A canned answer for the next call: status, headers, body, and a delay before it is sent. */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {
        public static Answer json(int status, String body) {
            return new Answer(status, Map.of(), body, Duration.ZERO);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Answer(status, all, body, delay);
        }

        public Answer after(Duration wait) {
            return new Answer(status, headers, body, wait);
        }

        /** A Graph error envelope with this code (and subcode), as Instagram sends it. */
        public static Answer graphError(int status, int code, Integer subcode, String message) {
            return json(
                    status,
                    "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                            + (subcode == null ? "" : ",\"error_subcode\":" + subcode)
                            + ",\"fbtrace_id\":\"AbCdEf123\"}}");
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Function<String, Optional<IgAccount>> tokens;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger(100);

    FakeGraph(Function<String, Optional<IgAccount>> tokens) {
        this.tokens = tokens;
    }

    /** Every Graph call so far, in order. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The next Graph call is answered with {@code answer}, whatever it asks. */
    public void answerNext(Answer answer) {
        synchronized (answers) {
            answers.add(answer);
        }
    }

    void handle(HttpServletRequest req, HttpServletResponse resp, String path) throws IOException {
        String header = req.getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(req.getMethod(), path, req.getQueryString(), req.getContentType(), body, token));
        Answer queued;
        synchronized (answers) {
            queued = answers.poll();
        }
        if (queued != null) {
            send(resp, queued);
            return;
        }
        Optional<IgAccount> account = token == null ? Optional.empty() : tokens.apply(token);
        if (account.isEmpty()) {
            send(
                    resp,
                    Answer.graphError(
                            400, 190, 460, "Error validating access token: The session has been invalidated"));
            return;
        }
        String below = path.replaceFirst("^/v\\d+\\.\\d+/", "");
        String userId = account.get().userId();
        if (req.getMethod().equals("GET") && below.equals("me/media")) {
            send(
                    resp,
                    Answer.json(
                            200,
                            json.writeValueAsString(Map.of(
                                    "data",
                                    List.of(Map.of(
                                            "id",
                                            userId + "01",
                                            "caption",
                                            "first post of @" + account.get().username()))))));
        } else if (req.getMethod().equals("POST") && below.equals(userId + "/media")) {
            send(resp, Answer.json(200, "{\"id\":\"" + (17900000000000000L + ids.incrementAndGet()) + "\"}"));
        } else if (req.getMethod().equals("POST") && below.equals(userId + "/media_publish")) {
            send(resp, Answer.json(200, "{\"id\":\"" + (18000000000000000L + ids.incrementAndGet()) + "\"}"));
        } else {
            send(
                    resp,
                    Answer.graphError(
                            400, 100, 33, "Unsupported " + req.getMethod().toLowerCase() + " request."));
        }
    }

    private static void send(HttpServletResponse resp, Answer answer) throws IOException {
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        resp.setStatus(answer.status());
        resp.setContentType("application/json; charset=UTF-8");
        answer.headers().forEach(resp::setHeader);
        resp.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
    }
}
