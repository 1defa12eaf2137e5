package co.plugkit.demo;

import co.plugkit.PlugKit;
import co.plugkit.id.WorkspaceId;
import co.plugkit.secret.ApiKeySecret;
import java.util.Optional;

/**
 * Makes sure a fresh demo can be used at once: without {@code PLUGKIT_BOOTSTRAP_API_KEY} and without any
 * key in the default workspace, it creates one. A later start finds that key (by its hash) and creates
 * nothing, so a key is shown exactly once.
 */
final class FirstApiKey {
    private FirstApiKey() {}

    /** The key created now, or empty if the operator chose one or a key already exists. */
    static Optional<ApiKeySecret> ensure(PlugKit plugKit) {
        if (plugKit.config().bootstrapApiKey().isPresent()) {
            return Optional.empty(); // PlugKit.Builder#build stored it already
        }
        plugKit.ensureDefaultWorkspace();
        if (!plugKit.apiKeys(WorkspaceId.DEFAULT).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plugKit.createApiKey(WorkspaceId.DEFAULT, "demo").secret());
    }
}
