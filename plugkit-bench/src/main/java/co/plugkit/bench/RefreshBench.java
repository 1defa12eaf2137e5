package co.plugkit.bench;

import co.plugkit.id.ProfileId;
import co.plugkit.settings.RefreshPolicy;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code refresh}: the refresh sweep. {@code --accounts} accounts (default 100,000) all due at once, in one
 * PostgreSQL, swept by {@code --instances} PlugKit instances (default 4) at the same time, each with its own
 * pool, against a stand-in that answers every call after {@code --latency} ms (default 50). Every account
 * must be refreshed exactly once: the stand-in counts the calls. The baseline is what the stand-in and
 * loopback can serve to the same number of concurrent callers with nothing in between.
 */
final class RefreshBench {
    private RefreshBench() {}

    static void run(Args args) throws Exception {
        int accounts = args.integer("accounts", 100_000);
        int instances = args.integer("instances", 4);
        int latency = args.integer("latency", 50);
        int concurrency = args.integer("concurrency", RefreshPolicy.defaults().concurrency());
        Results results = new Results(
                "refresh",
                args.text("tag", ""),
                "plugkit-bench/run.sh refresh --accounts=" + accounts + " --instances=" + instances + " --latency="
                        + latency + " --concurrency=" + concurrency);
        Databases.resetPostgres();
        List<HikariDataSource> pools = new ArrayList<>();
        List<Servers> servers = new ArrayList<>();
        try (StandIn standIn = new StandIn(latency)) {
            for (int i = 0; i < instances; i++) {
                HikariDataSource ds = Databases.postgres(concurrency + 4);
                pools.add(ds);
                servers.add(Servers.start(ds, standIn.baseUrl(), b -> b.refreshConcurrency(concurrency)));
            }
            Tenant tenant = Tenant.create(servers.get(0));
            Databases.insertAccounts(
                    pools.get(0),
                    tenant.workspace(),
                    new ProfileId(tenant.profileId()),
                    0,
                    accounts,
                    Duration.ofDays(40));
            try (Connection c = pools.get(0).getConnection();
                    Statement s = c.createStatement()) {
                s.execute("ANALYZE plugkit_accounts");
            }

            int callers = instances * concurrency;
            URI refresh = URI.create(standIn.baseUrl()
                    + "/refresh_access_token?grant_type=ig_refresh_token&access_token=" + StandIn.longToken(1));
            int probe = Math.min(accounts, Math.max(200, callers * 1000 / Math.max(1, latency) * 3));
            Load.Stats raw = Load.run(callers, probe, i -> Load.get(refresh, null), 200);
            int before = standIn.refreshes.get();

            long cpu0 = Cpu.plugKitNanos();
            long start = System.nanoTime();
            List<Thread> sweeps = new ArrayList<>();
            for (Servers s : servers) {
                Thread t = new Thread(() -> s.plugKit.refreshTokensNow(), "plugkit-sweep-" + sweeps.size());
                sweeps.add(t);
                t.start();
            }
            for (Thread t : sweeps) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // PlugKit's refresh workers (plugkit-refresh-…) and the threads running the sweeps (plugkit-sweep-…).
            double cpuMs = (Cpu.plugKitNanos() - cpu0) / 1e6;
            int calls = standIn.refreshes.get() - before;
            int refreshed = refreshedRows(pools.get(0));
            System.out.printf("%d refresh calls, %d rows refreshed, in %.1f s%n", calls, refreshed, seconds);
            String label =
                    " (" + accounts + " due, " + instances + " instances × " + concurrency + ", " + latency + " ms)";
            results.add(
                    "refresh calls counted" + label,
                    calls,
                    "calls",
                    "accounts due",
                    accounts,
                    true,
                    "= accounts due",
                    calls == accounts && refreshed == accounts);
            results.add(
                    "refreshes/s" + label,
                    refreshed / seconds,
                    "1/s",
                    "stand-in alone, " + callers + " callers",
                    raw.perSecond(),
                    true,
                    "≥ 500/s",
                    refreshed / seconds >= 500);
            results.add(
                    "refresh CPU ms each (PlugKit's threads)" + label,
                    cpuMs / Math.max(1, refreshed),
                    "ms",
                    "none (absolute)",
                    0,
                    false);
        } finally {
            for (Servers s : servers) {
                s.close();
            }
            pools.forEach(HikariDataSource::close);
        }
        results.save();
    }

    private static int refreshedRows(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT COUNT(*) FROM plugkit_accounts WHERE last_refreshed_at IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
