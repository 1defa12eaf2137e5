package co.plugkit.internal.web;

import co.plugkit.model.Cursor;
import java.util.Optional;

/** The {@code limit} and {@code cursor} query parameters of list routes. */
final class Paging {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private Paging() {}

    static int limit(ApiCall call) {
        return call.intQuery("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    }

    /** The {@code cursor} parameter, which must be one this API returned for the same list. */
    static Optional<Cursor> cursor(ApiCall call, String list) {
        Optional<String> text = call.query("cursor");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CursorCodec.decode(list, text.get())
                .orElseThrow(() -> ApiProblem.badParameter("cursor", "not a cursor this API returned")));
    }
}
