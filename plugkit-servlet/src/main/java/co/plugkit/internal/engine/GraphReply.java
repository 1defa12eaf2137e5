package co.plugkit.internal.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Instagram's answer to a proxied call, read for passing on: its status, content type, usage headers
 * ({@code X-App-Usage}, {@code X-Business-Use-Case-Usage}, {@code X-Ad-Account-Usage}) and body as they
 * came, and what the answer means for PlugKit ({@link GraphVerdict}).
 */
public record GraphReply(
        int status, Optional<String> contentType, Map<String, String> usageHeaders, byte[] body, GraphVerdict verdict) {

    public GraphReply {
        Objects.requireNonNull(contentType, "contentType");
        usageHeaders = Map.copyOf(usageHeaders);
        body = body.clone();
        Objects.requireNonNull(verdict, "verdict");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "GraphReply{status=" + status + ", verdict=" + verdict + ", " + body.length + " bytes}";
    }
}
