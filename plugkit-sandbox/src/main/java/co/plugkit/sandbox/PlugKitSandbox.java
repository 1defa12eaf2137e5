package co.plugkit.sandbox;

import co.plugkit.PlugKitConfig;
import co.plugkit.PlugKitExtension;
import co.plugkit.settings.InstagramSettings;
import java.net.URI;
import java.time.Duration;

/**
 * The Instagram sandbox as a {@link PlugKitExtension}: plug it in with
 * {@code PlugKit.builder().sandbox(new PlugKitSandbox())}. When {@code plugkit.sandbox} is true, PlugKit
 * starts it with its configuration and mounts it at {@link PlugKitConfig#SANDBOX_PATH}; PlugKit reaches it
 * over HTTP at its public URL, like any Instagram, so the connect flow takes the real code path.
 */
public final class PlugKitSandbox implements PlugKitExtension {
    /** How long the sandbox waits on PlugKit's answer to a callback or webhook it sends (connect, then read). */
    private static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(10);

    /** The sandbox for the configuration PlugKit starts it with; no setting of its own. */
    public PlugKitSandbox() {}

    /**
     * The sandbox for this configuration: it accepts the configured app credentials and redirect URI, and
     * its "slow" fault waits past the configured read timeout.
     */
    @Override
    public Routes start(Context context) {
        PlugKitConfig config = context.config();
        InstagramSettings ig = config.instagram();
        InstagramSandbox sandbox = new InstagramSandbox(
                new SandboxSettings(
                        ig.clientId(),
                        ig.clientSecret(),
                        config.redirectUri(),
                        URI.create(config.publicUrl() + PlugKitConfig.SANDBOX_PATH),
                        ig.readTimeout().plus(Duration.ofSeconds(2))),
                context.clock());
        // Meta's callbacks go to PlugKit's public URL over HTTP, like the connect flow's calls to the sandbox,
        // so PlugKit's real callback endpoints answer them.
        SandboxMeta meta = new SandboxMeta(
                sandbox, config.publicUrl(), CallbackTransport.http(CALLBACK_TIMEOUT), context.json(), context.clock());
        // Instagram's webhooks go the same way, to PlugKit's public URL + /v1/webhooks/instagram.
        SandboxWebhooks webhooks = new SandboxWebhooks(
                sandbox, config.publicUrl(), WebhookTransport.http(CALLBACK_TIMEOUT), context.json(), context.clock());
        return new SandboxRoutes(sandbox, meta, webhooks, context.json());
    }

    @Override
    public String toString() {
        return "PlugKitSandbox";
    }
}
