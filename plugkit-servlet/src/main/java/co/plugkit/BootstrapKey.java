package co.plugkit;

import co.plugkit.id.WorkspaceId;
import co.plugkit.internal.engine.Engine;
import co.plugkit.secret.ApiKeySecret;
import co.plugkit.secret.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code plugkit.bootstrapApiKey}: a key the operator chose, stored (hashed) for the default workspace. */
final class BootstrapKey {
    private static final Logger LOG = LoggerFactory.getLogger(PlugKit.class);

    private BootstrapKey() {}

    /** Idempotent: a key already stored is found by its hash and not stored again. */
    static void store(Secret key, Engine engine) {
        ApiKeySecret secret = ApiKeySecret.parse(key.reveal())
                .orElseThrow(() -> new PlugKitConfigException("plugkit.bootstrapApiKey must be sk_ followed by 64"
                        + " lowercase hex digits (and, if it has one, _ and its 8-digit checksum)"));
        engine.workspaces().ensureDefault();
        if (engine.apiKeys().ensure(WorkspaceId.DEFAULT, secret, "bootstrap")) {
            LOG.info("Bootstrap API key {}… stored for the default workspace", secret.prefix());
        }
    }
}
