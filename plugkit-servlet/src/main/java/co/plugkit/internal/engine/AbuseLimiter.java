package co.plugkit.internal.engine;

import co.plugkit.id.ApiKeyId;
import co.plugkit.internal.text.LogText;
import co.plugkit.settings.AbuseLimits;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of {@link AbuseLimits} as Bucket4j token buckets in this server's memory (per node, not
 * shared): one bucket per client address and one per presented key prefix, drained by failed
 * authentications only, and one per API key, drained by every request when a per-key rate is set. A limit
 * of N a minute is a bucket of N tokens refilled greedily, one every 60/N seconds. The buckets read
 * PlugKit's injected clock, so tests move time by hand.
 *
 * <p>Memory is bounded: each kind of bucket lives in a map of at most {@link #MAX_TRACKED} entries that
 * drops the least recently used one when full. A bucket unused for a minute is full again, so dropping
 * it forgets nothing; only a flood of more than {@link #MAX_TRACKED} distinct addresses within a minute
 * could make the map forget an address that is still blocked. IPv6 addresses are counted per /64, the
 * block one subscriber usually holds.
 */
public final class AbuseLimiter {
    /** Buckets kept per kind: about 300 bytes each, so a few megabytes at most. */
    static final int MAX_TRACKED = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(AbuseLimiter.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Pattern PREFIXED = Pattern.compile("sk_[0-9a-f]{8}.*", Pattern.DOTALL);

    private final AbuseLimits limits;
    private final TimeMeter time;
    private final Buckets addresses = new Buckets();
    private final Buckets prefixes = new Buckets();
    private final Buckets keys = new Buckets();

    public AbuseLimiter(AbuseLimits limits, Clock clock) {
        this.limits = limits;
        this.time = new ClockTime(clock);
    }

    /** How long this client must wait before it may authenticate again, if its failures used up its limit. */
    Optional<Duration> addressBlocked(String address) {
        return blocked(addresses, limits.failuresPerAddress(), client(address));
    }

    /** How long keys with this one's prefix must wait, if failures with that prefix used up its limit. */
    Optional<Duration> prefixBlocked(String presentedKey) {
        return prefixOf(presentedKey).flatMap(p -> blocked(prefixes, limits.failuresPerKeyPrefix(), p));
    }

    /** Counts a failed authentication against the client and, if the text has one, its key prefix. */
    void failed(String address, Optional<String> presentedKey, String reason) {
        String client = client(address);
        String safeClient = LogText.clean(client, 60);
        LOG.warn("Security: failed authentication from {}: {}", safeClient, reason);
        if (limits.failuresPerAddress() > 0 && spentLast(addresses.obtain(client, limits.failuresPerAddress(), time))) {
            LOG.warn(
                    "Security: too many failed authentications from {}; its authentications are refused (429)"
                            + " until its limit of {} a minute refills",
                    safeClient,
                    limits.failuresPerAddress());
        }
        Optional<String> prefix = presentedKey.flatMap(AbuseLimiter::prefixOf);
        if (prefix.isPresent()
                && limits.failuresPerKeyPrefix() > 0
                && spentLast(prefixes.obtain(prefix.get(), limits.failuresPerKeyPrefix(), time))) {
            LOG.warn(
                    "Security: too many failed authentications with one key prefix (the last from {}); keys with"
                            + " that prefix are refused (429) until its limit of {} a minute refills",
                    safeClient,
                    limits.failuresPerKeyPrefix());
        }
    }

    /** Takes one request from the key's allowance; the wait if there is none left. Empty when unlimited. */
    Optional<Duration> keyRequest(ApiKeyId key) {
        if (limits.requestsPerKey() == 0) {
            return Optional.empty();
        }
        ConsumptionProbe probe =
                keys.obtain(key.value(), limits.requestsPerKey(), time).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(waitOf(probe.getNanosToWaitForRefill()));
    }

    private static Optional<Duration> blocked(Buckets buckets, int limit, String id) {
        if (limit == 0) {
            return Optional.empty();
        }
        return buckets.find(id).flatMap(bucket -> {
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            return probe.canBeConsumed() ? Optional.empty() : Optional.of(waitOf(probe.getNanosToWaitForRefill()));
        });
    }

    private static boolean spentLast(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() && probe.getRemainingTokens() == 0;
    }

    private static Duration waitOf(long nanos) {
        return Duration.ofNanos(Math.max(nanos, 1));
    }

    /** {@code sk_} and the 8 hex digits that follow, if the text starts so. */
    static Optional<String> prefixOf(String presented) {
        return PREFIXED.matcher(presented).matches() ? Optional.of(presented.substring(0, 11)) : Optional.empty();
    }

    /** The address as the container reports it; an IPv6 address as its /64. */
    static String client(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no name lookup
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return address;
        }
    }

    /** Least recently used buckets go first once {@link #MAX_TRACKED} are kept; one lock, held briefly. */
    private static final class Buckets {
        private final Map<String, Bucket> map = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_TRACKED;
            }
        };

        synchronized Optional<Bucket> find(String id) {
            return Optional.ofNullable(map.get(id));
        }

        synchronized Bucket obtain(String id, int perMinute, TimeMeter time) {
            return map.computeIfAbsent(
                    id,
                    k -> Bucket.builder()
                            .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, MINUTE))
                            .withCustomTimePrecision(time)
                            .build());
        }
    }

    /** PlugKit's clock as Bucket4j's time source. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
