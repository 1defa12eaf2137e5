package co.plugkit.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who caused an event, as the audit trail names it: an API key by its public prefix ({@code key:sk_1a2b3c4d}),
 * {@link #INSTAGRAM} (a person connected through Instagram, or Instagram sent a webhook), {@link #META}
 * (Meta's deauthorize or data deletion callback) or {@link #SYSTEM} (PlugKit itself, e.g. the refresher).
 * Never a secret: a key's prefix is what {@code GET /v1/api-keys} shows anyway.
 */
public record Actor(String value) {
    private static final Pattern VALID = Pattern.compile("system|instagram|meta|key:sk_[0-9a-f]{1,16}");

    public static final Actor SYSTEM = new Actor("system");
    public static final Actor INSTAGRAM = new Actor("instagram");
    public static final Actor META = new Actor("meta");

    /** @throws IllegalArgumentException for anything but the forms above */
    public Actor {
        Objects.requireNonNull(value, "actor");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not an actor: expected system, instagram, meta or key:<prefix>");
        }
    }

    /** An API key, by its prefix ({@code sk_} and 8 hex digits, as {@link ApiKey#prefix()}). */
    public static Actor apiKey(String prefix) {
        return new Actor("key:" + prefix);
    }

    @Override
    public String toString() {
        return value;
    }
}
