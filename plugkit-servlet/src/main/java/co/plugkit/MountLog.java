package co.plugkit;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@link PlugKit#register} tells the operator: where PlugKit is, and a mount that cannot work as is. */
final class MountLog {
    private static final Logger LOG = LoggerFactory.getLogger(PlugKit.class);

    private MountLog() {}

    static void sandboxOn(PlugKitConfig config) {
        LOG.warn(
                "Instagram sandbox mode is ON: PlugKit talks to its built-in stand-in at {}{} instead of"
                        + " Instagram; no real account can be connected",
                config.publicUrl(),
                PlugKitConfig.SANDBOX_PATH);
    }

    /** PlugKit is mounted at {@code mounted} (context path and prefix). */
    static void mounted(PlugKitConfig config, String mounted) {
        LOG.info("PlugKit mounted at '{}/' (redirect URI {})", mounted, config.redirectUri());
        String publicPath = Objects.requireNonNullElse(config.publicUrl().getRawPath(), "");
        if (!publicPath.equals(mounted)) {
            LOG.warn(
                    "plugkit.publicUrl has the path '{}' but PlugKit is mounted at '{}': Instagram's redirect"
                            + " reaches PlugKit only through a reverse proxy that maps one to the other",
                    publicPath,
                    mounted);
        }
    }
}
