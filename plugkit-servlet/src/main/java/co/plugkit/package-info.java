/**
 * PlugKit's entry point: {@link co.plugkit.PlugKit} (build one from a {@link co.plugkit.PlugKitConfig} and a
 * database, then mount its routes in any servlet container), its configuration and the extension point.
 * This package, {@code id}, {@code model}, {@code provider}, {@code secret}, {@code settings}, {@code store}
 * (with the default {@code store.jdbi}) and {@code container} are PlugKit's public API; everything under
 * {@code co.plugkit.internal} is not.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit;

import org.jspecify.annotations.NullMarked;
