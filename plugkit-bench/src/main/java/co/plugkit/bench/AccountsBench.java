package co.plugkit.bench;

import co.plugkit.id.ProfileId;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * {@code accounts}: {@code GET /v1/accounts?limit=100} latency with 1k, 10k and 100k accounts in one
 * workspace — the first page, and a deep page (90 % of the way through, reached by walking every page's
 * {@code nextCursor} as a client would). One client, one request at a time, so the percentiles are
 * latencies, not queueing. The baseline is the constant-JSON servlet's latency in the same Jetty, same run.
 */
final class AccountsBench {
    private AccountsBench() {}

    static void run(Args args) throws Exception {
        String db = args.text("db", "postgresql");
        String sizes = args.text("sizes", "1000,10000,100000");
        int samples = args.integer("samples", 500);
        Results results = new Results(
                "accounts",
                "plugkit-bench/run.sh accounts --db=" + db + " --sizes=" + sizes + " --samples=" + samples
                        + (args.text("drop-index", "").isEmpty()
                                ? ""
                                : " --drop-index=" + args.text("drop-index", "")));
        double firstP99 = Double.NaN;
        double firstDeepP99 = Double.NaN;
        try (StandIn standIn = new StandIn(0);
                HikariDataSource ds = Databases.open(db, 16);
                Servers servers = Servers.start(ds, standIn.baseUrl(), b -> b)) {
            Tenant tenant = Tenant.create(servers);
            String dropIndex = args.text("drop-index", "");
            if (!dropIndex.isEmpty()) {
                // To measure what an index is worth: the same run without it (PostgreSQL).
                try (Connection c = ds.getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("DROP INDEX " + dropIndex);
                }
            }
            URI constant = URI.create(servers.baseUrl + Servers.CONSTANT_PATH);
            URI first = URI.create(servers.baseUrl + "/v1/accounts?limit=100");
            // A small profile (100 accounts, the oldest rows) beside the big one: its page is the one that
            // reads the whole workspace without an index on (profile_id, seq).
            ProfileId small = Databases.insertProfile(ds, tenant.workspace());
            Databases.insertAccounts(ds, tenant.workspace(), small, 0, 100, Duration.ofDays(1));
            URI smallProfile = URI.create(first + "&profileId=" + small.value());
            long seeded = 0;
            boolean warm = false;
            for (String size : sizes.split(",")) {
                long n = Long.parseLong(size.trim());
                Databases.insertAccounts(
                        ds, tenant.workspace(), new ProfileId(tenant.profileId()), seeded, n, Duration.ofDays(1));
                seeded = n;
                analyze(ds, db);
                String deepCursor = walk(first, tenant.apiKey(), n);
                URI deep = URI.create(first + "&cursor=" + URLEncoder.encode(deepCursor, StandardCharsets.UTF_8));
                // The first size also warms the JIT up: otherwise its figures measure the interpreter.
                int warmUp = warm ? samples / 5 : samples * 3;
                warm = true;
                latency(first, tenant.apiKey(), warmUp);
                latency(deep, tenant.apiKey(), warmUp);
                latency(constant, null, warmUp);
                latency(smallProfile, tenant.apiKey(), warmUp);
                Load.Stats base = latency(constant, null, samples);
                Load.Stats top = latency(first, tenant.apiKey(), samples);
                Load.Stats low = latency(deep, tenant.apiKey(), samples);
                Load.Stats one = latency(smallProfile, tenant.apiKey(), samples);
                String at = " @" + n + " (" + db + ")";
                for (double p : new double[] {50, 99}) {
                    String pn = "p" + (int) p;
                    boolean goal = p == 99;
                    double t = top.percentileMillis(p);
                    double d = low.percentileMillis(p);
                    double b = base.percentileMillis(p);
                    results.add(
                            "accounts first page " + pn + at,
                            t,
                            "ms",
                            "constant JSON " + pn,
                            b,
                            false,
                            goal ? "≤ 10 ms" : "",
                            goal ? t <= 10 : null);
                    results.add(
                            "accounts deep page " + pn + at,
                            d,
                            "ms",
                            "constant JSON " + pn,
                            b,
                            false,
                            goal ? "≤ 10 ms" : "",
                            goal ? d <= 10 : null);
                    double o = one.percentileMillis(p);
                    results.add(
                            "accounts ?profileId= (a 100-account profile) " + pn + at,
                            o,
                            "ms",
                            "constant JSON " + pn,
                            b,
                            false,
                            goal ? "≤ 10 ms" : "",
                            goal ? o <= 10 : null);
                }
                if (Double.isNaN(firstP99)) {
                    firstP99 = top.percentileMillis(99);
                    firstDeepP99 = low.percentileMillis(99);
                } else {
                    double flatTop = top.percentileMillis(99);
                    double flatDeep = low.percentileMillis(99);
                    results.add(
                            "first page p99 growth" + at,
                            flatTop,
                            "ms",
                            "same at smallest size",
                            firstP99,
                            false,
                            "within ±20 %",
                            flatTop / firstP99 <= 1.2);
                    results.add(
                            "deep page p99 growth" + at,
                            flatDeep,
                            "ms",
                            "same at smallest size",
                            firstDeepP99,
                            false,
                            "within ±20 %",
                            flatDeep / firstDeepP99 <= 1.2);
                }
            }
        }
        results.save();
    }

    private static Load.Stats latency(URI uri, String apiKey, int samples) {
        return Load.run(1, samples, i -> Load.get(uri, apiKey), 200);
    }

    /** Follows {@code nextCursor} from the first page; answers the cursor of the page 90 % of the way in. */
    private static String walk(URI first, String apiKey, long accounts) throws Exception {
        long pages = (accounts + 99) / 100;
        long target = Math.max(1, pages * 9 / 10);
        String cursor = null;
        for (long page = 0; page < target; page++) {
            URI uri = cursor == null
                    ? first
                    : URI.create(first + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode body = Tenant.JSON.readTree(Load.send(Load.get(uri, apiKey)));
            JsonNode next = body.get("nextCursor");
            if (next == null || next.isNull()) {
                throw new IllegalStateException("the list ended after " + (page + 1) + " pages of " + pages);
            }
            cursor = next.asText();
        }
        return cursor;
    }

    /** Fresh statistics, as autovacuum would have them on a table that grew slowly. */
    private static void analyze(HikariDataSource ds, String db) throws Exception {
        if (db.equals("postgresql")) {
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("ANALYZE plugkit_accounts");
            }
        }
    }
}
