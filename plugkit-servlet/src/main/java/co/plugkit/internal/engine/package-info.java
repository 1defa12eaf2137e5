/**
 * The servlet-free engine: the connect flow, the refresher, accounts, API keys, Meta's callbacks. Expected
 * failures come back as values.
 *
 * <p><b>Internal</b>: not part of PlugKit's API, and may change in any release. PlugKit's own modules (the
 * sandbox, the demo) use it; a host must not.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.internal.engine;

import org.jspecify.annotations.NullMarked;
