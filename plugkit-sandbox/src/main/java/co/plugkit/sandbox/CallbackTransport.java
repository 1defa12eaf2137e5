package co.plugkit.sandbox;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * How the sandbox delivers a callback to PlugKit: one form-encoded {@code POST}, as Meta sends it. The
 * default, {@link #http(Duration)}, goes over real HTTP so PlugKit's own callback endpoints answer;
 * tests of the engine can pass a stand-in.
 */
@FunctionalInterface
public interface CallbackTransport {

    /**
     * PlugKit's answer: the HTTP status and the body (JSON, cut off at a few kilobytes).
     *
     * @param status the HTTP status code
     * @param body the answer's body as text
     */
    record Answer(int status, String body) {
        @Override
        public String toString() {
            // The body can hold a confirmation code; a log line of this record must not.
            return "Answer{status=" + status + ", body=" + body.length() + " chars}";
        }
    }

    /**
     * Posts {@code formBody} ({@code application/x-www-form-urlencoded}) to {@code url}.
     *
     * @throws IOException when PlugKit cannot be reached or does not answer in time
     */
    Answer postForm(URI url, String formBody) throws IOException;

    /** Real HTTP, with {@code timeout} for connecting and again for reading the answer. */
    static CallbackTransport http(Duration timeout) {
        return new HttpCallbackTransport(timeout);
    }
}
