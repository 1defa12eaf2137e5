/**
 * Making outside text safe for log lines.
 *
 * <p><b>Internal</b>: not part of PlugKit's API, and may change in any release. PlugKit's own modules (the
 * sandbox, the demo) use it; a host must not.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.internal.text;

import org.jspecify.annotations.NullMarked;
