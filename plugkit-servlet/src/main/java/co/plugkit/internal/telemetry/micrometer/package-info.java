/**
 * The one place that knows Micrometer: {@link MicrometerTelemetry} records {@code plugkit.*} meters on a
 * host's {@code MeterRegistry}. Micrometer is an optional dependency of PlugKit, so the classes here are
 * loaded only once a registry was given (docs/metrics.md).
 *
 * <p><b>Internal</b>: not part of PlugKit's API, and may change in any release.
 *
 * <p>Nullness: everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package co.plugkit.internal.telemetry.micrometer;

import org.jspecify.annotations.NullMarked;
