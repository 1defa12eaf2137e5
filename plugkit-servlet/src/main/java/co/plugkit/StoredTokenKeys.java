package co.plugkit;

import co.plugkit.store.AccountStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The start-up check that the configured encryption key opens the stored tokens. Without it, a server
 * started with another key looks healthy and lists every account active, and only a refresh or a
 * disconnect later finds that no token opens. Each stored token carries the id of the key that sealed it
 * ({@code token_key_id}), so one grouped count is enough, and no token is decrypted.
 */
final class StoredTokenKeys {
    private StoredTokenKeys() {}

    /**
     * @param knownKeyIds the ids of every key this server can open tokens with (one today; old keys too
     *     once keys can be rotated)
     * @throws PlugKitConfigException naming how many tokens each unknown key id sealed, never a key
     */
    static void requireKnown(AccountStore accounts, Set<String> knownKeyIds) {
        List<String> unknown = new ArrayList<>();
        long tokens = 0;
        for (Map.Entry<String, Long> count : accounts.countTokensByKeyId().entrySet()) {
            if (!knownKeyIds.contains(count.getKey())) {
                unknown.add(count.getValue() + " with key id " + count.getKey());
                tokens += count.getValue();
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        throw new PlugKitConfigException("PlugKit will not start: the database holds "
                + tokens + " account token" + (tokens == 1 ? "" : "s") + " sealed with an encryption key that is not"
                + " configured (" + String.join(", ", unknown) + "); the configured PLUGKIT_ENCRYPTION_KEY"
                + " (plugkit.encryptionKey) has key id " + String.join(", ", new TreeSet<>(knownKeyIds))
                + ". Set PLUGKIT_ENCRYPTION_KEY to the key this database's tokens were sealed with. With another"
                + " key PlugKit could neither refresh nor revoke them; if that key is lost for good, see"
                + " docs/configuration.md for clearing those tokens, after which the accounts must connect again.");
    }
}
