package co.plugkit.internal.crypto;

import co.plugkit.id.WorkspaceId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ids of connect sessions: {@code cs_} and base64url of a random key (16 bytes), the session's expiry
 * (8 bytes, epoch seconds) and an HMAC-SHA256 (first 16 bytes) over the workspace, key and expiry. The
 * id thus tells, without any row, whether the session can still be pending and that it belongs to the
 * asking workspace: an id of another workspace fails its check exactly as a forged one does. The MAC key
 * is derived from the token key for this one purpose.
 */
public final class ConnectSessionIds {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "cs_";
    private static final int KEY_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final int BYTES = KEY_BYTES + Long.BYTES + MAC_BYTES;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param tokenKey the 32-byte token key; only a key derived from it is kept */
    public ConnectSessionIds(byte[] tokenKey) {
        Objects.requireNonNull(tokenKey, "tokenKey");
        this.key = new SecretKeySpec(
                mac(new SecretKeySpec(tokenKey, ALGORITHM), "plugkit connect session".getBytes(StandardCharsets.UTF_8)),
                ALGORITHM);
    }

    /** A session of one workspace: its id, and the key under which its callback's outcome is stored. */
    public record Session(String id, String key, Instant expiresAt) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** A new session of {@code workspace} that can be pending until {@code expiresAt} (rounded up to a second). */
    public Session issue(WorkspaceId workspace, Instant expiresAt) {
        byte[] random = new byte[KEY_BYTES];
        RANDOM.nextBytes(random);
        // whole seconds, rounded up: a connect never lasts less than it was given
        long expires = expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0);
        ByteBuffer id = ByteBuffer.allocate(BYTES);
        id.put(random).putLong(expires).put(mac(workspace, random, expires));
        return new Session(
                PREFIX + ENCODER.encodeToString(id.array()),
                HexFormat.of().formatHex(random),
                Instant.ofEpochSecond(expires));
    }

    /** The session {@code id} names if this instance issued it for {@code workspace}; empty otherwise. */
    public Optional<Session> read(WorkspaceId workspace, String id) {
        if (id == null || !id.startsWith(PREFIX) || id.length() > 80) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(id.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != BYTES) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] random = new byte[KEY_BYTES];
        buffer.get(random);
        long expires = buffer.getLong();
        byte[] mac = Arrays.copyOfRange(bytes, KEY_BYTES + Long.BYTES, BYTES);
        if (!MessageDigest.isEqual(mac, mac(workspace, random, expires))) {
            return Optional.empty();
        }
        // the canonical spelling only: another encoding of the same bytes is not this session's id
        if (!id.equals(PREFIX + ENCODER.encodeToString(bytes))) {
            return Optional.empty();
        }
        return Optional.of(new Session(id, HexFormat.of().formatHex(random), Instant.ofEpochSecond(expires)));
    }

    private byte[] mac(WorkspaceId workspace, byte[] random, long expires) {
        byte[] ws = workspace.value().getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate(ws.length + 1 + KEY_BYTES + Long.BYTES);
        data.put(ws).put((byte) 0).put(random).putLong(expires);
        return Arrays.copyOf(mac(key, data.array()), MAC_BYTES);
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
        return "ConnectSessionIds[key=***]";
    }
}
