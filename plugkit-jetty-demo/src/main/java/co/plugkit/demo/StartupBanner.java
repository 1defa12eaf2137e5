package co.plugkit.demo;

import co.plugkit.PlugKitConfig;
import co.plugkit.secret.ApiKeySecret;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The block the demo prints when it is up: the URL to open, whether it runs in sandbox mode or against
 * Instagram, the redirect URI to register, and — on the first start only — the generated API key. It goes
 * to the console, never through the logger, so the key does not end up in log files.
 */
final class StartupBanner {
    private static final String RULE = "=".repeat(78);

    private StartupBanner() {}

    static void print(PrintStream out, PlugKitConfig config, Optional<ApiKeySecret> createdKey) {
        String url = config.publicUrl().toString();
        String home = homeUrl(config);
        out.println();
        out.println(RULE);
        out.println(" PlugKit demo is running. Open it in your browser:");
        out.println();
        out.println("   " + home);
        out.println();
        if (config.sandbox()) {
            out.println(" Mode: SANDBOX. No Meta app needed: PlugKit's built-in Instagram sandbox at");
            out.println("   " + url + PlugKitConfig.SANDBOX_PATH);
            out.println(" plays Instagram with test accounts. For real Instagram, set");
            out.println(" PLUGKIT_INSTAGRAM_CLIENT_ID and PLUGKIT_INSTAGRAM_CLIENT_SECRET.");
        } else {
            out.println(" Mode: INSTAGRAM (app " + config.instagram().clientId() + ").");
        }
        out.println();
        if (createdKey.isPresent()) {
            out.println(" Your API key for the default workspace. It is shown only this once and");
            out.println(" stored only as a hash, so copy it now (the home page fills it in for a");
            out.println(" browser on this machine until the demo stops):");
            out.println();
            out.println("   " + createdKey.get().reveal());
        } else if (config.bootstrapApiKey().isPresent()) {
            out.println(" API key: the one you set in PLUGKIT_BOOTSTRAP_API_KEY; paste it on the page.");
        } else {
            out.println(" API key: the one printed at this data folder's first start (PlugKit keeps");
            out.println(" only its hash). Lost it? Stop the demo and delete the data folder to start over.");
        }
        out.println();
        out.println(" Then: Create profile > Connect Instagram > "
                + (config.sandbox() ? "pick an account > Allow." : "log in > Allow."));
        out.println();
        out.println(" Redirect URI to register in Meta's App Dashboard (Instagram > API setup with");
        out.println(
                " Instagram login > Business login settings > OAuth redirect URIs)" + (config.sandbox() ? "" : ":"));
        if (config.sandbox()) {
            out.println(" when you switch to a real app:");
        }
        out.println();
        out.println("   " + config.redirectUri());
        if (!config.sandbox() && !"https".equals(config.publicUrl().getScheme())) {
            out.println();
            out.println(" Meta accepts only https:// redirect URIs: set PLUGKIT_PUBLIC_URL to an https URL");
            out.println(" that reaches this server (a reverse proxy or tunnel).");
        }
        out.println();
        out.println(" API from the command line:");
        out.println("   curl " + url + "/v1/health");
        createdKey.ifPresent(
                key -> out.println("   curl -H 'Authorization: Bearer " + key.reveal() + "' " + url + "/v1/profiles"));
        out.println(RULE);
        out.println();
        out.flush();
    }

    /** The home page: the context root, which is the public URL without PlugKit's path prefix. */
    private static String homeUrl(PlugKitConfig config) {
        String url = config.publicUrl().toString();
        String prefix = config.pathPrefix();
        return (!prefix.isEmpty() && url.endsWith(prefix) ? url.substring(0, url.length() - prefix.length()) : url)
                + "/";
    }
}
