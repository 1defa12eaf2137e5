/**
 * The provider seam: what a platform does for PlugKit ({@link co.plugkit.provider.Provider}), the platform
 * names, and the values and failures that cross the seam. Instagram is one implementation.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.provider;

import org.jspecify.annotations.NullMarked;
