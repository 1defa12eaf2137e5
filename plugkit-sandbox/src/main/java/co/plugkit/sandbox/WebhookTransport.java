package co.plugkit.sandbox;

import co.plugkit.sandbox.CallbackTransport.Answer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * How the sandbox delivers an Instagram webhook to PlugKit: one {@code POST} of a JSON body with Meta's
 * {@code X-Hub-Signature-256} header. The default, {@link #http(Duration)}, goes over real HTTP so
 * PlugKit's own webhook endpoint, with its signature check, answers; tests of the engine can pass a
 * stand-in.
 */
@FunctionalInterface
public interface WebhookTransport {

    /**
     * Posts {@code jsonBody} ({@code application/json}) to {@code url} with {@code X-Hub-Signature-256:
     * signature}.
     *
     * @throws IOException when PlugKit cannot be reached or does not answer in time
     */
    Answer postJson(URI url, byte[] jsonBody, String signature) throws IOException;

    /** Real HTTP, with {@code timeout} for connecting and again for reading the answer. */
    static WebhookTransport http(Duration timeout) {
        return new HttpCallbackTransport(timeout);
    }
}
