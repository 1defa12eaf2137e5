package co.plugkit.bench;

import java.util.Arrays;

/**
 * One command per benchmark (docs/performance.md): {@code java -jar plugkit-bench.jar <benchmark>
 * [--name=value…]}. Each prints its figures with the baseline measured in the same run and keeps them in
 * {@code plugkit-bench/target/results/}; {@code report} writes the table and plot into docs/.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println(
                    "usage: plugkit-bench <connect|callback|accounts|refresh|webhooks|startup|jmh|report> [--name=value…]");
            System.exit(2);
        }
        Args args = new Args(argv, 1);
        // Jetty's and Hikari's start/stop lines would bury the figures; warnings still show.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        switch (argv[0]) {
            case "connect" -> ConnectBench.run(args);
            case "callback" -> CallbackBench.run(args);
            case "accounts" -> AccountsBench.run(args);
            case "refresh" -> RefreshBench.run(args);
            case "webhooks" -> WebhooksBench.run(args);
            case "startup" -> StartupBench.run(args);
            case "jmh" -> JmhBench.run(args);
            case "report" -> Report.run(args);
            case "bare-server" -> {
                Servers.bare(args.integer("port", 8080)).join();
                return;
            }
            default -> {
                System.err.println("unknown benchmark " + argv[0] + "; args " + Arrays.toString(argv));
                System.exit(2);
            }
        }
        // PlugKit's and Jetty's non-daemon threads are closed by now; the HTTP client's may linger.
        System.exit(0);
    }
}
