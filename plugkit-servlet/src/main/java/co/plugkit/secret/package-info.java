/**
 * Values that must never be printed: {@link co.plugkit.secret.Secret} and API keys, which mask themselves in
 * {@code toString()}.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.secret;

import org.jspecify.annotations.NullMarked;
