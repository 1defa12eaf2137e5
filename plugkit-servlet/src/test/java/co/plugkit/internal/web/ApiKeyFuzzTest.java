package co.plugkit.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.ApiKeyId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.crypto.Hashing;
import co.plugkit.internal.engine.AbuseLimiter;
import co.plugkit.internal.engine.ApiKeys;
import co.plugkit.internal.engine.Authentication;
import co.plugkit.model.ApiKey;
import co.plugkit.secret.ApiKeySecret;
import co.plugkit.settings.AbuseLimits;
import co.plugkit.store.WorkspaceStore;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Fuzzes where a presented API key is read: the {@code Authorization} header ({@link BearerToken}), the
 * key's plaintext ({@link ApiKeySecret#parse}) and the lookup ({@link ApiKeys#authenticate}), plus the
 * key id of {@code /v1/api-keys/{id}} ({@link ApiKeyId#parse}).
 *
 * <p>In the input, {@code $KEY} stands for the one key the store holds.
 *
 * <p>Properties: nothing throws; a token is read only from exactly one {@code Bearer} header and is
 * never blank or padded; a key is accepted exactly when it is {@code sk_} and 64 lowercase hex digits;
 * an accepted key hashes to SHA-256 hex, shows an 11-character prefix, never prints itself, and parses
 * back to itself; the store is asked by hash only, never with the plaintext, and only for a well-formed
 * key; the one stored key authenticates, every other text does not.
 *
 * <p>{@code mvn verify} replays {@code src/test/resources/co/plugkit/web/ApiKeyFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/fuzzing.md).
 */
class ApiKeyFuzzTest {
    private static final Pattern KEY = Pattern.compile("sk_[0-9a-f]{64}");
    private static final Pattern CHECKED_KEY = Pattern.compile("sk_[0-9a-f]{64}_[0-9a-f]{8}");
    private static final String STORED_KEY = "sk_" + "0123456789abcdef".repeat(4);
    private static final ApiKey STORED = new ApiKey(
            new ApiKeyId("key_0123456789abcdef01234567"),
            new WorkspaceId("ws_0123456789abcdef01234567"),
            "fuzz",
            STORED_KEY.substring(0, 11),
            Instant.EPOCH,
            Optional.empty());

    /**
     * Input: a byte giving the number of {@code Authorization} headers (taken modulo 4), then UTF-8 lines:
     * that many header values, then the text sent as a key id. So {@code '1'} + {@code Bearer sk_…} +
     * newline + {@code key_abc} is one header and one id.
     */
    @FuzzTest(maxDuration = "2m")
    void presentedKey(byte[] input) {
        int count = input.length == 0 ? 0 : (input[0] & 0xff) % 4;
        String text = new String(
                input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < count && i < lines.length; i++) {
            headers.add(lines[i].replace("$KEY", STORED_KEY));
        }
        String idText = lines.length > count ? lines[count] : "";

        Optional<String> token = BearerToken.from(request(headers));
        assertThat(token).isNotNull();
        if (token.isPresent()) {
            assertThat(headers).hasSize(1);
            assertThat(headers.get(0).strip().regionMatches(true, 0, "Bearer ", 0, 7))
                    .isTrue();
            assertThat(token.get()).isNotBlank().isEqualTo(token.get().strip());
            assertThat(headers.get(0)).contains(token.get());
        }

        String presented = token.orElse(headers.isEmpty() ? idText : headers.get(0));
        checkSecret(presented);
        checkAuthenticate(presented);
        checkSecret(idText);

        Optional<ApiKeyId> id = ApiKeyId.parse(idText);
        assertThat(id).isNotNull();
        id.ifPresent(k -> assertThat(k.value()).isEqualTo(idText).matches("key_[0-9a-z]{1,40}"));
    }

    private static void checkSecret(String text) {
        Optional<ApiKeySecret> secret = ApiKeySecret.parse(text);
        assertThat(secret.isPresent()).isEqualTo(isKey(text));
        secret.ifPresent(s -> {
            assertThat(s.reveal()).isEqualTo(text);
            assertThat(s.prefix()).isEqualTo(text.substring(0, 11));
            assertThat(s.hash()).matches("[0-9a-f]{64}").isEqualTo(Hashing.sha256Hex(text));
            assertThat(s.toString()).doesNotContain(text.substring(3));
            assertThat(ApiKeySecret.parse(s.reveal()).map(ApiKeySecret::reveal)).contains(text);
        });
    }

    /** The key format, checked independently: the old 64 hex digits, or with "_" and their CRC-32. */
    private static boolean isKey(String text) {
        if (text == null) {
            return false;
        }
        if (KEY.matcher(text).matches()) {
            return true;
        }
        if (!CHECKED_KEY.matcher(text).matches()) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(text.substring(0, 67).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return text.substring(68).equals(String.format("%08x", crc.getValue()));
    }

    private static void checkAuthenticate(String presented) {
        List<String> asked = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        ApiKeys keys = new ApiKeys(store(asked), new AbuseLimiter(new AbuseLimits(0, 0, 0), clock), clock);
        Authentication outcome = keys.authenticate(Optional.ofNullable(presented), "127.0.0.1");
        assertThat(outcome instanceof Authentication.Authenticated).isEqualTo(STORED_KEY.equals(presented));
        boolean wellFormed = isKey(presented);
        assertThat(asked).hasSize(wellFormed ? 1 : 0);
        for (String hash : asked) {
            assertThat(hash).isEqualTo(Hashing.sha256Hex(presented)).isNotEqualTo(presented);
        }
    }

    /** A request whose only headers are the given {@code Authorization} values. */
    private static HttpServletRequest request(List<String> authorization) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                ApiKeyFuzzTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> {
                    if (m.getName().equals("getHeaders")) {
                        return "Authorization".equalsIgnoreCase((String) args[0])
                                ? Collections.enumeration(authorization)
                                : Collections.emptyEnumeration();
                    }
                    if (m.getName().equals("getHeader")) {
                        return "Authorization".equalsIgnoreCase((String) args[0]) && !authorization.isEmpty()
                                ? authorization.get(0)
                                : null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A store holding one key; it records every hash it is asked for. */
    private static WorkspaceStore store(List<String> asked) {
        String storedHash = Hashing.sha256Hex(STORED_KEY);
        return (WorkspaceStore) Proxy.newProxyInstance(
                ApiKeyFuzzTest.class.getClassLoader(), new Class<?>[] {WorkspaceStore.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "findActiveKeyByHash" -> {
                            asked.add((String) args[0]);
                            return storedHash.equals(args[0]) ? Optional.of(STORED) : Optional.empty();
                        }
                        case "touchKey" -> {
                            return null;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                });
    }
}
