package co.plugkit;

import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.store.AccountStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check that the configured encryption key opens the stored tokens. Without it, a server
 * started with another key looks healthy and lists every account active, and only a refresh or a
 * disconnect later finds that no token opens. Each stored token carries the id of the key that sealed it
 * ({@code token_key_id}), so one grouped count is enough, and no token is decrypted.
 */
final class StoredTokenKeys {
    private static final Logger LOG = LoggerFactory.getLogger(PlugKit.class);

    private StoredTokenKeys() {}

    /**
     * @param primaryKeyId the id of the key that seals ({@code plugkit.encryptionKey})
     * @param knownKeyIds the ids of every key this server can open tokens with: the primary key's and those
     *     of the old keys ({@code plugkit.encryptionOldKeys})
     * @throws PlugKitConfigException naming how many tokens each unknown key id sealed, never a key
     */
    static void requireKnown(AccountStore accounts, String primaryKeyId, Set<String> knownKeyIds) {
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
        Set<String> oldKeyIds = new TreeSet<>(knownKeyIds);
        oldKeyIds.remove(primaryKeyId);
        throw new PlugKitConfigException("PlugKit will not start: the database holds "
                + tokens + " account token" + (tokens == 1 ? "" : "s") + " sealed with an encryption key that is not"
                + " configured (" + String.join(", ", unknown) + "); the configured PLUGKIT_ENCRYPTION_KEY"
                + " (plugkit.encryptionKey) has key id " + primaryKeyId
                + (oldKeyIds.isEmpty()
                        ? ""
                        : ", the old keys of PLUGKIT_ENCRYPTION_OLD_KEYS (plugkit.encryptionOldKeys) have key ids "
                                + String.join(", ", oldKeyIds))
                + ". Set PLUGKIT_ENCRYPTION_KEY to the key this database's tokens were sealed with, or, while"
                + " rotating keys, list that key in PLUGKIT_ENCRYPTION_OLD_KEYS. With another"
                + " key PlugKit could neither refresh nor revoke them; if that key is lost for good, see"
                + " docs/configuration.md for clearing those tokens, after which the accounts must connect again.");
    }

    /** Says, once at start, that a rotation is under way and how far it is. */
    static void announceRotation(TokenCipher cipher, long rowsOnOldKeys, boolean refreshEnabled) {
        if (!cipher.hasOldKeys()) {
            return;
        }
        LOG.info(
                "Encryption key rotation: tokens are sealed with key {}; {} old key(s) still open tokens; the {}"
                        + " tokens on old keys are sealed again {}",
                cipher.keyId(),
                cipher.knownKeyIds().size() - 1,
                rowsOnOldKeys,
                refreshEnabled ? "by the background runs" : "by resealTokensNow() (plugkit.refresh.enabled is false)");
    }
}
