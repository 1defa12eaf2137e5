package co.plugkit.demo;

import co.plugkit.PlugKitConfig;
import co.plugkit.crypto.ApiKeySecret;
import java.io.PrintStream;

/**
 * The block the demo prints on its first start: the one and only time the generated API key is shown.
 * It goes to the console, never through the logger, so the key does not end up in log files.
 */
final class StartupBanner {
    private static final String RULE = "=".repeat(78);

    private StartupBanner() {}

    static void print(PrintStream out, PlugKitConfig config, ApiKeySecret key) {
        String url = config.publicUrl().toString();
        out.println();
        out.println(RULE);
        out.println(" PlugKit demo is running at " + url);
        out.println();
        out.println(" Your API key for the default workspace. It is shown only this once and");
        out.println(" stored only as a hash, so copy it now:");
        out.println();
        out.println("   " + key.reveal());
        out.println();
        out.println(" Register this redirect URI in Meta's App Dashboard (Instagram > API setup");
        out.println(" with Instagram login > Business login settings > OAuth redirect URIs):");
        out.println();
        out.println("   " + config.redirectUri());
        out.println();
        out.println(" Try it:");
        out.println("   curl " + url + "/v1/health");
        out.println("   curl -H 'Authorization: Bearer " + key.reveal() + "' " + url + "/v1/profiles");
        out.println(RULE);
        out.println();
        out.flush();
    }
}
