/**
 * Drop-in mounting in a servlet container: the {@code ServletContainerInitializer} that configures PlugKit
 * from context-params, a properties file or the environment, and the pool timeouts PlugKit's pools use.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.container;

import org.jspecify.annotations.NullMarked;
