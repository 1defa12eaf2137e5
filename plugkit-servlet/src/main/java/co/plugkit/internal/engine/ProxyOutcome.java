package co.plugkit.internal.engine;

import co.plugkit.model.AccountUnavailableException;

/** How one proxied Graph API call ended. */
public sealed interface ProxyOutcome {

    /** Instagram answered; the answer is passed on (a throttling answer as 429). */
    record Answered(GraphReply reply) implements ProxyOutcome {}

    /** The account cannot be used: not found, disconnected or needing a reconnect. Nothing was sent. */
    record AccountUnavailable(AccountUnavailableException reason) implements ProxyOutcome {}

    /** Instagram gave no complete answer in time or within the size bound. */
    record UpstreamFailed(GraphUpstream.Failure failure) implements ProxyOutcome {}
}
