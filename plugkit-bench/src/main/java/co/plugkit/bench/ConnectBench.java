package co.plugkit.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;

/**
 * {@code connect}: {@code GET /v1/connect/instagram} against the constant-JSON servlet in the same Jetty,
 * both driven by wrk (2 threads, 32 connections, keep-alive) — a separate process in C, so the load
 * generator's own cost is small and not inside the JVM being measured. The baseline is measured before
 * and after PlugKit's route, and their mean is the denominator.
 */
final class ConnectBench {
    private ConnectBench() {}

    static void run(Args args) throws Exception {
        int seconds = args.integer("seconds", 10);
        int connections = args.integer("connections", 32);
        String db = args.text("db", "h2");
        Results results = new Results("connect", "plugkit-bench/run.sh connect --db=" + db + " --seconds=" + seconds);
        try (StandIn standIn = new StandIn(0);
                HikariDataSource ds = Databases.open(db, 16);
                Servers servers = Servers.start(ds, standIn.baseUrl(), b -> b)) {
            Tenant tenant = Tenant.create(servers);
            URI constant = URI.create(servers.baseUrl + Servers.CONSTANT_PATH);
            URI connect = tenant.connectUrl(servers);
            URI profile = URI.create(servers.baseUrl + "/v1/profiles/" + tenant.profileId());
            int warm = Math.max(2, seconds / 3);
            rate(constant, null, connections, warm);
            rate(connect, tenant.apiKey(), connections, warm);
            rate(profile, tenant.apiKey(), connections, warm);
            double before = rate(constant, null, connections, seconds);
            double connects = rate(connect, tenant.apiKey(), connections, seconds);
            double profiles = rate(profile, tenant.apiKey(), connections, seconds);
            double after = rate(constant, null, connections, seconds);
            double baseline = (before + after) / 2;
            String label = " (" + db + ", " + (Wrk.available() ? "wrk" : "in-JVM") + " -c" + connections + ")";
            results.add(
                    "GET /v1/connect/instagram req/s" + label,
                    connects,
                    "req/s",
                    "constant JSON servlet",
                    baseline,
                    true,
                    "≥ 0.5× baseline",
                    connects / baseline >= 0.5);
            results.add(
                    "GET /v1/profiles/{id} req/s" + label, profiles, "req/s", "constant JSON servlet", baseline, true);
        }
        results.save();
    }

    /** wrk if installed (2 threads); otherwise the in-JVM loader with as many clients as connections. */
    private static double rate(URI url, String apiKey, int connections, int seconds) {
        if (Wrk.available()) {
            return Wrk.requestsPerSecond(url, apiKey, 2, connections, seconds);
        }
        int total = 2000 * seconds;
        return Load.run(connections, total, i -> Load.get(url, apiKey), 200).perSecond();
    }
}
