package co.plugkit.instagram;

import java.util.Optional;

/**
 * An error body from Instagram, from either envelope: the code exchange's flat
 * {@code {"error_type","code","error_message"}} or the Graph API's {@code {"error":{…}}}.
 */
public record InstagramError(String type, int code, Optional<Integer> subcode, String message) {

    @Override
    public String toString() {
        return type + " " + code + subcode.map(s -> "/" + s).orElse("") + ": " + message;
    }
}
