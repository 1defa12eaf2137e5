package co.plugkit.internal.instagram;

import co.plugkit.internal.threads.GuestThreads;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends Nimbus' requests with the JDK's HTTP client, bounded in time (connect timeout, and one deadline
 * for the whole exchange including the body) and in size (bodies above the cap are cut off and refused),
 * so a slow or huge answer from Instagram can never hold a request thread or fill the heap.
 */
final class BoundedHttpSender implements HTTPRequestSender, AutoCloseable {
    private final GuestThreads threads = new GuestThreads("plugkit-instagram-http-");
    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration deadline;
    private final int maxBodyBytes;

    BoundedHttpSender(Duration connectTimeout, Duration deadline, int maxBodyBytes) {
        this.executor = Executors.newCachedThreadPool(threads);
        // The client's selector thread takes the context class loader of the thread that builds it; in a
        // container that is the webapp's, which the thread would pin (and Tomcat report) until the
        // client is collected. Build it with no webapp loader in sight.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            this.client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .build();
        } finally {
            current.setContextClassLoader(previous);
        }
        this.deadline = deadline;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Stops the threads that run PlugKit's calls to Instagram. On Java 21 and later the client itself
     * is closed too; on Java 17 its selector thread ends once the closed client has been collected.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        threads.awaitEnd(Duration.ofSeconds(5));
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("the HTTP client did not close", e);
            }
        }
    }

    /** The body was larger than the cap. */
    static final class ResponseTooLargeException extends IOException {
        ResponseTooLargeException(int cap) {
            super("the response body exceeds " + cap + " bytes");
        }
    }

    @Override
    public HTTPResponse send(ReadOnlyHTTPRequest request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getURI()).timeout(deadline);
        String body = request.getBody();
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        builder.method(request.getMethod().name(), publisher);
        request.getHeaderMap().forEach((name, values) -> {
            if (!"Content-Length".equalsIgnoreCase(name) && !"Host".equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        builder.header("Accept", "application/json");

        HttpResponse<byte[]> response = exchange(builder, deadline, maxBodyBytes);

        HTTPResponse out = new HTTPResponse(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ct -> {
            try {
                out.setContentType(ct);
            } catch (com.nimbusds.oauth2.sdk.ParseException ignored) {
                // A content type Nimbus cannot parse is left unset: the body parser decides what the body is.
            }
        });
        out.setBody(new String(response.body(), StandardCharsets.UTF_8));
        return out;
    }

    /**
     * Sends a request with the same client, within {@code deadline} for the whole exchange (body included)
     * and refusing a body over {@code cap} bytes: Nimbus' calls above, and the Graph API proxy's.
     *
     * @throws ResponseTooLargeException if the body passed the cap
     * @throws java.net.SocketTimeoutException if no complete answer came within the deadline
     */
    HttpResponse<byte[]> exchange(HttpRequest.Builder builder, Duration deadline, int cap) throws IOException {
        builder.timeout(deadline);
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(builder.build(), info -> new CappedBody(cap));
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new java.net.SocketTimeoutException("no complete answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for Instagram");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("the request failed: "
                    + (cause == null ? "unknown" : cause.getClass().getSimpleName()));
        }
    }

    /** Collects a body up to a cap, and fails the exchange as soon as the cap is passed. */
    private static final class CappedBody implements BodySubscriber<byte[]> {
        private final int cap;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return; // already refused as too large; drain what is still in flight
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException(cap));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
