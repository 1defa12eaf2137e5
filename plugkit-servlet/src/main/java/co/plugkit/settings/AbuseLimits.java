package co.plugkit.settings;

/**
 * How many failed authentications and requests PlugKit allows, each a token bucket per minute kept in
 * memory on each server (a limit of N a minute allows a burst of N, then one every 60/N seconds). 0 turns
 * a limit off.
 *
 * @param failuresPerAddress failed authentications a client address may make a minute (default 20); once
 *     spent, every authentication from that address is refused with 429 until the bucket refills, before
 *     any key is looked up
 * @param failuresPerKeyPrefix failed authentications a minute with keys that share their first 11
 *     characters ({@code sk_} and 8 hex digits; default 20), from any address
 * @param requestsPerKey requests a minute one valid key may make (default 0: no limit)
 */
public record AbuseLimits(int failuresPerAddress, int failuresPerKeyPrefix, int requestsPerKey) {
    /** The largest limit a setting may name. */
    public static final int MAX = 1_000_000;

    public AbuseLimits {
        check("failuresPerAddress", failuresPerAddress);
        check("failuresPerKeyPrefix", failuresPerKeyPrefix);
        check("requestsPerKey", requestsPerKey);
    }

    public static AbuseLimits defaults() {
        return new AbuseLimits(20, 20, 0);
    }

    private static void check(String name, int value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException(name + " must be between 0 (off) and " + MAX + " a minute");
        }
    }
}
