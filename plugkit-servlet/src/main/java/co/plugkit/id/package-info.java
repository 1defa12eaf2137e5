/**
 * Typed, prefixed ids ({@code ws_…}, {@code prof_…}, {@code acc_…}, {@code key_…}) that validate their shape.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.id;

import org.jspecify.annotations.NullMarked;
