/**
 * What PlugKit reports about its own work (connects, token refreshes, calls to Instagram), through a
 * small recorder interface with no metrics library in it. The engine calls {@link Telemetry}; without a
 * meter registry that is {@link Telemetry#NONE}, and no Micrometer class is ever loaded.
 *
 * <p><b>Internal</b>: not part of PlugKit's API, and may change in any release.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package co.plugkit.internal.telemetry;

import org.jspecify.annotations.NullMarked;
