package co.plugkit.store.jdbi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Leases up to {@code limit} rows of a table that meet a condition, among the oldest, for one server: the
 * way the refresher claims accounts and the webhook sender claims deliveries. A few statements a batch,
 * not one committed UPDATE a row: the candidates' ids are read, leased together by one conditional UPDATE
 * that re-checks the condition per row (so two servers never lease one row, with no {@code SKIP LOCKED}:
 * the same on every database), and the rows this call won are read back by owner and lease expiry — cut
 * to milliseconds, so every database compares exactly the value it stored. No transaction is held while
 * the leased work runs.
 *
 * <p>Servers claiming at once read the same oldest candidates; each tries them in its own random order, so
 * they mostly lease different rows instead of racing for the first ones.
 *
 * @param table the table, whose rows have {@code id}, {@code lease_owner} and {@code lease_until}
 * @param condition what makes a row claimable, the lease being free included (named values in
 *     {@code values})
 * @param order the candidates' order, oldest first
 * @param select the columns read back (without {@code SELECT})
 * @param stillClaimable what a won row must still meet when it is read back (a change between the UPDATE
 *     and the read, such as a token wiped, leaves it out; its lease simply runs out)
 * @param mapper what a claim is made of
 */
record BatchLease<T>(
        String table, String condition, String order, String select, String stillClaimable, RowMapper<T> mapper) {

    List<T> claim(JdbiCalls calls, Map<String, Object> values, String owner, Instant leaseUntil, int limit) {
        List<String> candidates = new ArrayList<>(
                calls.read(h -> h.createQuery("SELECT id FROM " + table + " WHERE " + condition + " ORDER BY " + order)
                        .bindMap(values)
                        .setMaxRows(limit * 4)
                        .mapTo(String.class)
                        .list()));
        Collections.shuffle(candidates, ThreadLocalRandom.current());
        Instant lease = leaseUntil.truncatedTo(ChronoUnit.MILLIS);
        List<T> claims = new ArrayList<>();
        int next = 0;
        while (claims.size() < limit && next < candidates.size()) {
            List<String> chunk = candidates.subList(next, Math.min(candidates.size(), next + limit - claims.size()));
            next += chunk.size();
            int leased = calls.withHandle(h -> h.createUpdate("UPDATE " + table + " SET lease_owner = :owner,"
                            + " lease_until = :leaseUntil WHERE id IN (<ids>) AND " + condition)
                    .bindMap(values)
                    .bindList("ids", chunk)
                    .bind("owner", owner)
                    .bind("leaseUntil", calls.at(lease))
                    .execute());
            if (leased > 0) {
                claims.addAll(calls.withHandle(h -> h.createQuery("SELECT " + select + " FROM " + table
                                + " WHERE id IN (<ids>) AND lease_owner = :owner AND lease_until = :leaseUntil"
                                + " AND " + stillClaimable + " ORDER BY " + order)
                        .bindList("ids", chunk)
                        .bind("owner", owner)
                        .bind("leaseUntil", calls.at(lease))
                        .map(mapper)
                        .list()));
            }
        }
        return claims;
    }
}
