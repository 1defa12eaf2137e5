/**
 * The store SPI: narrow interfaces for workspaces, profiles, accounts, the refresher's leases, connect states
 * and data deletions, each with atomic operations and sealed results. {@code store.jdbi} is the default.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.store;

import org.jspecify.annotations.NullMarked;
