/**
 * Sections of PlugKit's configuration that other packages read: the Instagram app and endpoints, and when
 * tokens are refreshed.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.settings;

import org.jspecify.annotations.NullMarked;
