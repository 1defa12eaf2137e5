package co.plugkit.internal.engine;

import co.plugkit.model.ApiKey;
import java.time.Duration;

/** What came of checking the key a request presented. */
public sealed interface Authentication {

    /** The key is valid: the request acts for its workspace. */
    record Authenticated(ApiKey key) implements Authentication {}

    /** No valid key: 401. */
    record Refused(Reason reason) implements Authentication {}

    /** A limit is spent: 429, to be tried again after {@code retryAfter}. */
    record Limited(Limit limit, Duration retryAfter) implements Authentication {}

    enum Reason {
        /** No {@code Authorization: Bearer} header. */
        MISSING,
        /** Not of a key format, or a checksum that does not match: refused without a database lookup. */
        MALFORMED,
        /** Well-formed, but no such key, or a revoked one. */
        UNKNOWN,
        /** A key past its expiry (set at creation or by a roll). */
        EXPIRED
    }

    enum Limit {
        /** Too many failed authentications from this client address or with this key prefix. */
        FAILED_AUTHENTICATIONS,
        /** This key's requests a minute ({@code plugkit.api.requestsPerMinutePerKey}). */
        KEY_REQUESTS
    }
}
