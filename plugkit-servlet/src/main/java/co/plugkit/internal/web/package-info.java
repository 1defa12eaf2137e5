/**
 * The thin servlets over the engine: one error boundary for JSON routes, one for pages, the error
 * catalogue, the callback's page and result tickets.
 *
 * <p><b>Internal</b>: not part of PlugKit's API, and may change in any release. PlugKit's own modules (the
 * sandbox, the demo) use it; a host must not.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.internal.web;

import org.jspecify.annotations.NullMarked;
