/**
 * Events after they are written: the in-process listeners' dispatch, Meta's inbound webhooks, the webhook
 * subscription of connected accounts, and the signed HTTP deliveries to the host's endpoints. Internal to
 * PlugKit; not part of its API.
 */
@NullMarked
package co.plugkit.internal.events;

import org.jspecify.annotations.NullMarked;
