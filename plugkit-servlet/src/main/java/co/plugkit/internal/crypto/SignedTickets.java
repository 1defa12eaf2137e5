package co.plugkit.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived values that travel through a browser and come back unchanged: a text payload and an expiry,
 * signed with HMAC-SHA256, as {@code base64url(expiry "." payload) "." base64url(mac)}. Not encrypted:
 * the payload must hold nothing secret. The MAC key is derived from the token key for this one purpose,
 * so the token key itself never signs anything that leaves the server.
 */
public final class SignedTickets {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    /**
     * @param tokenKey the 32-byte token key; only a key derived from it with {@code purpose} is kept
     * @param purpose what the tickets are for; tickets of one purpose are never valid for another
     */
    public SignedTickets(byte[] tokenKey, String purpose, Clock clock) {
        Objects.requireNonNull(tokenKey, "tokenKey");
        this.key = new SecretKeySpec(
                mac(new SecretKeySpec(tokenKey, ALGORITHM), purpose.getBytes(StandardCharsets.UTF_8)), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A ticket carrying {@code payload} that {@link #open} accepts for {@code lifetime}. */
    public String issue(String payload, Duration lifetime) {
        return issueUntil(payload, clock.instant().plus(lifetime));
    }

    /** A ticket carrying {@code payload} that {@link #open} accepts until {@code expiresAt} (whole seconds). */
    public String issueUntil(String payload, Instant expiresAt) {
        byte[] body = (expiresAt.getEpochSecond() + "." + payload).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(key, body));
    }

    /** What a ticket this instance issued carries: its payload and its expiry. */
    public record Verified(String payload, Instant expiresAt) {}

    /** The payload of a ticket this instance issued and that has not expired; empty for anything else. */
    public Optional<String> open(String ticket) {
        return verify(ticket)
                .filter(v -> clock.instant().isBefore(v.expiresAt()))
                .map(Verified::payload);
    }

    /**
     * A ticket this instance issued, expired or not (the caller decides what an expired one means); empty
     * for anything else: malformed, too long, or signed with another key or for another purpose.
     */
    public Optional<Verified> verify(String ticket) {
        if (ticket == null || ticket.length() > 4096) {
            return Optional.empty();
        }
        int dot = ticket.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] body;
        byte[] mac;
        try {
            body = DECODER.decode(ticket.substring(0, dot));
            mac = DECODER.decode(ticket.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac, mac(key, body))) {
            return Optional.empty();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int sep = text.indexOf('.');
        if (sep < 0) {
            return Optional.empty();
        }
        try {
            Instant expires = Instant.ofEpochSecond(Long.parseLong(text.substring(0, sep)));
            return Optional.of(new Verified(text.substring(sep + 1), expires));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SignedTickets[key=***]";
    }
}
