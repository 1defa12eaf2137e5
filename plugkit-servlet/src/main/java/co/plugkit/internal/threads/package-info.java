/**
 * PlugKit's threads, named and joined on close so that a stopping webapp leaves none behind.
 *
 * <p><b>Internal</b>: not part of PlugKit's API, and may change in any release. PlugKit's own modules (the
 * sandbox, the demo) use it; a host must not.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.internal.threads;

import org.jspecify.annotations.NullMarked;
