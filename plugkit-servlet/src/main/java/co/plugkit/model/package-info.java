/**
 * The values PlugKit stores and shows: workspaces, profiles, API keys, accounts (without their tokens).
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.model;

import org.jspecify.annotations.NullMarked;
