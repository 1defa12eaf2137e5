package co.plugkit.model;

import java.util.List;
import java.util.Optional;

/** One page of a list, and the cursor of the next page if there is one. */
public record Page<T>(List<T> items, Optional<Cursor> next) {
    public Page {
        items = List.copyOf(items);
    }
}
