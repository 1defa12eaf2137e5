package co.plugkit.sandbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's memory: issued codes and tokens. It lives in memory only (a restart forgets every sandbox
 * grant, which is fine for a sandbox) and is bounded: past {@link #MAX_ENTRIES} codes or tokens the oldest
 * are forgotten, so a flood of approvals cannot fill the heap.
 */
final class SandboxLedger {
    static final int MAX_ENTRIES = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** What a person approved: it travels from the code to every token issued for it. */
    record Grant(
            SandboxAccount account, List<String> scopes, String redirectUri, SandboxFault fault, SandboxShape shape) {}

    /** An issued code; {@code expiresAt} is one hour after issue (or already past, for the expired-code fault). */
    record Code(Grant grant, Instant expiresAt) {}

    /** An issued token, short- or long-lived. */
    record Token(Grant grant, boolean longLived, Instant issuedAt, Instant expiresAt, boolean revoked) {
        Token revoke() {
            return new Token(grant, longLived, issuedAt, expiresAt, true);
        }
    }

    private final Map<String, Code> codes = bounded();
    private final Map<String, Token> tokens = bounded();

    synchronized String issueCode(Code code) {
        String value = randomToken("AQ", 64);
        codes.put(value, code);
        return value;
    }

    /** The code's grant without using it up. */
    synchronized Optional<Code> peekCode(String value) {
        return Optional.ofNullable(codes.get(value));
    }

    /** Uses the code up: a second redemption finds nothing. */
    synchronized Optional<Code> redeemCode(String value) {
        return Optional.ofNullable(codes.remove(value));
    }

    synchronized String issueToken(Token token) {
        String value = randomToken("IGAA", token.longLived() ? 120 : 80);
        tokens.put(value, token);
        return value;
    }

    synchronized Optional<Token> token(String value) {
        return Optional.ofNullable(tokens.get(value));
    }

    synchronized void forget(String value) {
        tokens.remove(value);
    }

    /** Revokes every token of an account, as removing the app in Instagram's settings would. */
    synchronized void revokeAllOf(String userId) {
        tokens.replaceAll((value, t) -> t.grant().account().userId().equals(userId) ? t.revoke() : t);
    }

    /** Whether the account holds a long-lived token that is neither revoked nor expired at {@code now}. */
    synchronized boolean hasLiveLongLivedToken(String userId, Instant now) {
        return tokens.values().stream()
                .anyMatch(t -> t.longLived()
                        && !t.revoked()
                        && now.isBefore(t.expiresAt())
                        && t.grant().account().userId().equals(userId));
    }

    /** A random token of letters and digits after a fixed prefix, like Instagram's {@code IGAA…}. */
    static String randomToken(String prefix, int length) {
        StringBuilder out = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }
}
