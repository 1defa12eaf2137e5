package co.plugkit.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code callback}: the OAuth callback against the zero-latency stand-in: code exchange, long-lived
 * exchange and {@code /me} over loopback HTTP, the state consumed, the token sealed, the account upserted.
 * States are minted first (untimed); then the callbacks run from the in-JVM loader (each consumes its own
 * state and code, which wrk cannot send), and PlugKit's threads' CPU time is read before and after. The
 * baseline is the constant-JSON servlet in the same Jetty with the same loader and clients.
 */
final class CallbackBench {
    private CallbackBench() {}

    static void run(Args args) throws Exception {
        int callbacks = args.integer("callbacks", 3000);
        int clients = args.integer("clients", 8);
        String dbs = args.text("db", "h2,postgresql");
        Results results =
                new Results("callback", "plugkit-bench/run.sh callback --db=" + dbs + " --callbacks=" + callbacks);
        for (String db : dbs.split(",")) {
            measure(db, callbacks, clients, results);
        }
        results.save();
    }

    private static void measure(String db, int callbacks, int clients, Results results) throws Exception {
        try (StandIn standIn = new StandIn(0);
                HikariDataSource ds = Databases.open(db, 16);
                Servers servers = Servers.start(ds, standIn.baseUrl(), b -> b)) {
            Tenant tenant = Tenant.create(servers);
            URI constant = URI.create(servers.baseUrl + Servers.CONSTANT_PATH);
            int warm = Math.min(1000, callbacks / 2);
            callbacks(servers, tenant, 0, warm, clients);
            Load.run(clients, warm * 2, i -> Load.get(constant, null), 200);

            long cpu0 = Cpu.plugKitNanos();
            Load.Stats base = Load.run(clients, callbacks, i -> Load.get(constant, null), 200);
            long cpu1 = Cpu.plugKitNanos();
            Load.Stats stats = callbacks(servers, tenant, warm, callbacks, clients);
            long cpu2 = Cpu.plugKitNanos();

            int connected = count(ds);
            if (stats.failed() > 0 || connected != warm + callbacks) {
                throw new IllegalStateException(stats.failed() + " callbacks failed; " + connected
                        + " accounts connected of " + (warm + callbacks));
            }
            double cpuMs = (cpu2 - cpu1) / 1e6 / stats.ok();
            double baseCpuMs = (cpu1 - cpu0) / 1e6 / base.ok();
            String label = " (" + db + ", " + clients + " clients)";
            results.add(
                    "callback CPU ms each" + label,
                    cpuMs,
                    "ms",
                    "constant JSON request",
                    baseCpuMs,
                    false,
                    "≤ 1 ms",
                    cpuMs <= 1.0);
            boolean h2 = db.equals("h2");
            results.add(
                    "callbacks/s" + label,
                    stats.perSecond(),
                    "1/s",
                    "constant JSON req/s",
                    base.perSecond(),
                    true,
                    h2 ? "≥ 1,000/s" : "",
                    h2 ? stats.perSecond() >= 1000 : null);
        }
    }

    /** Mints {@code n} states, then completes them as Instagram's redirects would, users {@code from…}. */
    private static Load.Stats callbacks(Servers servers, Tenant tenant, int from, int n, int clients) {
        URI connect = tenant.connectUrl(servers);
        List<String> states = IntStream.range(0, n)
                .parallel()
                .mapToObj(i -> state(Load.send(Load.get(connect, tenant.apiKey()))))
                .toList();
        return Load.run(
                clients,
                n,
                i -> Load.get(
                        URI.create(servers.baseUrl + "/v1/connect/instagram/callback?code=c" + (from + i) + "&state="
                                + states.get(i)),
                        null),
                303);
    }

    private static String state(String connectAnswer) {
        try {
            return Tenant.JSON.readTree(connectAnswer).get("state").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM plugkit_accounts WHERE status = 'active'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
