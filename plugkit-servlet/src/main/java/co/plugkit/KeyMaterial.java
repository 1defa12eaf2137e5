package co.plugkit;

import co.plugkit.internal.crypto.ConnectSessionIds;
import co.plugkit.internal.crypto.SignedTickets;
import co.plugkit.internal.crypto.TokenCipher;
import co.plugkit.internal.engine.ConnectSeals;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * What PlugKit makes of its keys: the token cipher (the primary key seals, old keys still open) and the
 * signer of the callback's result tickets and the sealer of connect states and session ids (keys derived
 * from the primary). The copies of the raw keys
 * are wiped once both exist.
 */
record KeyMaterial(TokenCipher cipher, SignedTickets resultTickets, ConnectSeals connectSeals) {
    static KeyMaterial of(PlugKitConfig config, Clock clock) {
        byte[] key = config.encryptionKey();
        List<byte[]> oldKeys = config.encryptionOldKeys();
        try {
            return new KeyMaterial(
                    new TokenCipher(key, oldKeys),
                    new SignedTickets(key, "plugkit callback result", clock),
                    new ConnectSeals(
                            new SignedTickets(key, "plugkit connect state", clock), new ConnectSessionIds(key)));
        } finally {
            Arrays.fill(key, (byte) 0);
            oldKeys.forEach(old -> Arrays.fill(old, (byte) 0));
        }
    }

    @Override
    public String toString() {
        return "KeyMaterial[****]";
    }
}
