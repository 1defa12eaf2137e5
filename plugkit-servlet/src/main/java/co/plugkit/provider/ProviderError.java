package co.plugkit.provider;

import java.util.Optional;

/**
 * An error body a provider sent, read into one shape: a type, a numeric code and subcode where the
 * platform has them (Instagram's Graph API does; its code exchange sends {@code error_type}, {@code code}
 * and {@code error_message}), and a message already made safe for a log line.
 */
public record ProviderError(String type, int code, Optional<Integer> subcode, String message) {

    @Override
    public String toString() {
        return type + " " + code + subcode.map(s -> "/" + s).orElse("") + ": " + message;
    }
}
