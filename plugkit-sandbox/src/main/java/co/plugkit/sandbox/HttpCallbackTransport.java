package co.plugkit.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@link CallbackTransport} and {@link WebhookTransport} over {@link HttpURLConnection}: one blocking
 * request per callback or webhook, so the
 * sandbox owns no thread pool that would have to be stopped with the webapp. No proxy (like PlugKit's
 * own Instagram client), no redirects, and the answer is read up to {@link #MAX_ANSWER_BYTES} only.
 */
final class HttpCallbackTransport implements CallbackTransport, WebhookTransport {
    /** PlugKit's callback answers are tiny JSON objects; more than this is cut off. */
    static final int MAX_ANSWER_BYTES = 16 * 1024;

    private final int timeoutMillis;

    HttpCallbackTransport(Duration timeout) {
        this.timeoutMillis =
                Math.toIntExact(Objects.requireNonNull(timeout, "timeout").toMillis());
    }

    @Override
    public Answer postForm(URI url, String formBody) throws IOException {
        return post(url, "application/x-www-form-urlencoded", formBody.getBytes(StandardCharsets.US_ASCII), Map.of());
    }

    @Override
    public Answer postJson(URI url, byte[] jsonBody, String signature) throws IOException {
        return post(url, "application/json", jsonBody, Map.of("X-Hub-Signature-256", signature));
    }

    private Answer post(URI url, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", contentType);
            connection.setRequestProperty("Accept", "application/json");
            headers.forEach(connection::setRequestProperty);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Answer(status, in == null ? "" : readCapped(in));
        } finally {
            connection.disconnect();
        }
    }

    private static String readCapped(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while (out.size() < MAX_ANSWER_BYTES
                    && (n = in.read(buffer, 0, Math.min(buffer.length, MAX_ANSWER_BYTES - out.size()))) > 0) {
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
