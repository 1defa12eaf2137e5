package co.plugkit.store.jdbi;

import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Cursor pagination over a query ordered by its {@code seq} column: it fetches one row more than the
 * page holds, and that extra row is the proof that a next page exists.
 */
final class Paging {
    private Paging() {}

    static <T> Page<T> page(Query query, int limit, RowMapper<T> mapper) {
        record Row<T>(long seq, T item) {}
        List<Row<T>> rows = query.setMaxRows(limit + 1)
                .map((rs, ctx) -> new Row<>(rs.getLong("seq"), mapper.map(rs, ctx)))
                .list();
        boolean more = rows.size() > limit;
        List<Row<T>> shown = more ? rows.subList(0, limit) : rows;
        List<T> items = new ArrayList<>(shown.size());
        shown.forEach(r -> items.add(r.item()));
        Optional<Cursor> next =
                more ? Optional.of(new Cursor(shown.get(shown.size() - 1).seq())) : Optional.empty();
        return new Page<>(items, next);
    }
}
