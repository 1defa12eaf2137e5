package co.plugkit.testing;

import java.time.Clock;

/**
 * Runs the test stand-in for Instagram ({@link FakeInstagram}) as a program, so a person can walk
 * through the connect flow with curl without a Meta app. It approves every authorization at once as
 * {@code @acme}, and knows only the fake app credentials {@link FakeInstagram#CLIENT_ID} and
 * {@link FakeInstagram#CLIENT_SECRET}.
 *
 * <pre>{@code
 * java -cp plugkit-jetty-demo/target/plugkit-jetty-demo.jar:plugkit-servlet/target/plugkit-servlet-0.2.0-tests.jar \
 *     co.plugkit.testing.StandInInstagramMain 9090 http://localhost:8080/v1/connect/instagram/callback
 * }</pre>
 */
public final class StandInInstagramMain {
    private StandInInstagramMain() {}

    /**
     * @param args the loopback port, then one or more redirect URIs to accept (like the "OAuth redirect
     *     URIs" of Meta's App Dashboard, matched character for character)
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StandInInstagramMain <port> <redirect-uri> [<redirect-uri>…]");
            System.exit(2);
        }
        FakeInstagram instagram = new FakeInstagram(Clock.systemUTC(), Integer.parseInt(args[0]));
        for (int i = 1; i < args.length; i++) {
            instagram.registerRedirectUri(args[i]);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                instagram.close();
            } catch (Exception e) {
                System.err.println("stand-in Instagram did not stop cleanly: " + e);
            }
        }));
        // These credentials are fake and fixed; printing them is the point.
        System.out.println("Stand-in Instagram listening on " + instagram.baseUrl());
        System.out.println("  client id:      " + FakeInstagram.CLIENT_ID);
        System.out.println("  client secret:  " + FakeInstagram.CLIENT_SECRET);
        for (int i = 1; i < args.length; i++) {
            System.out.println("  redirect URI:   " + args[i]);
        }
        System.out.println("Every authorization is approved at once as @acme. Ctrl-C stops it.");
        Thread.currentThread().join(); // Jetty serves on its own threads until the JVM is stopped
    }
}
