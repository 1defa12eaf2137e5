package co.plugkit.model;

/**
 * A position in a list: the store's insertion sequence number of the last row seen, so a page never
 * repeats or skips a row when rows are added meanwhile. The API shows it to clients only in an opaque
 * encoding tied to one list (see {@code co.plugkit.internal.web.CursorCodec}).
 */
public record Cursor(long afterSequence) {
    public Cursor {
        if (afterSequence < 0) {
            throw new IllegalArgumentException("a cursor position is never negative");
        }
    }
}
