package co.plugkit.internal.engine;

import co.plugkit.id.AccountId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.AccountUnavailableException;
import co.plugkit.provider.Platform;
import java.util.Optional;

/**
 * The Graph API proxy's work, without a servlet: the account's token (refreshed first if due, {@link
 * AccountTokens}), the call sent with it ({@link GraphUpstream}), and a token Instagram rejects marked for
 * reconnecting as the refresher marks it. Only Instagram accounts go through it.
 */
public final class GraphProxy {
    private final AccountTokens tokens;
    private final GraphUpstream upstream;

    public GraphProxy(AccountTokens tokens, GraphUpstream upstream) {
        this.tokens = tokens;
        this.upstream = upstream;
    }

    public ProxyOutcome forward(WorkspaceId workspaceId, AccountId id, GraphCall call) {
        UsableToken token;
        try {
            token = tokens.current(workspaceId, id);
        } catch (AccountUnavailableException e) {
            return new ProxyOutcome.AccountUnavailable(e);
        }
        if (!token.account().platform().equals(Platform.INSTAGRAM)) {
            return new ProxyOutcome.AccountUnavailable(new AccountUnavailableException(
                    id, AccountUnavailableException.Reason.NOT_FOUND, Optional.empty()));
        }
        GraphReply reply;
        try {
            reply = upstream.send(call, token.token());
        } catch (GraphUpstream.Failure e) {
            return new ProxyOutcome.UpstreamFailed(e);
        }
        if (reply.verdict() instanceof GraphVerdict.TokenRejected rejected) {
            tokens.rejected(token, rejected.error(), rejected.reason());
        }
        return new ProxyOutcome.Answered(reply);
    }
}
