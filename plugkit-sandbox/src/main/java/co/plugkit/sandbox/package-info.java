/**
 * The Instagram sandbox (module {@code co.plugkit:plugkit-sandbox}): an offline stand-in for Instagram with
 * test accounts and fault switches, plugged in with {@code PlugKit.builder().sandbox(new PlugKitSandbox())}.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}; a lookup that may find nothing
 * returns {@code Optional}.
 */
@NullMarked
package co.plugkit.sandbox;

import org.jspecify.annotations.NullMarked;
