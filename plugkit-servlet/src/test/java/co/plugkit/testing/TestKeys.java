package co.plugkit.testing;

import java.util.Base64;

/** Fixed, obviously-fake key material for tests. */
public final class TestKeys {
    private TestKeys() {}

    /** A 32-byte token encryption key, base64. */
    public static final String ENCRYPTION_KEY = Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
}
