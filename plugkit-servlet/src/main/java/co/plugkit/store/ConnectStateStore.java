package co.plugkit.store;

import co.plugkit.id.AccountId;
import co.plugkit.model.ConnectState;
import java.time.Instant;
import java.util.Optional;

/**
 * The callbacks of connect flows, keyed by their session key. Starting a connect writes nothing: its
 * state is sealed and travels with the browser. The first callback {@link #claim claims} the session
 * here, which is atomic across every server sharing the database (one insert on the unique key wins,
 * every other one sees {@link Claim.AlreadyClaimed}), and then {@link #finish records} how it ended.
 */
public interface ConnectStateStore {

    /** Records the session as claimed by this caller, unless it was claimed before, and says which. */
    Claim claim(ConnectState state, Instant now);

    /** Records how a claimed session ended; a session that is not claimed is left alone. */
    void finish(String sessionKey, Outcome outcome, Instant now);

    /** The claimed session with this key, if there is one. */
    Optional<Claimed> find(String sessionKey);

    /** Deletes the sessions that expired before {@code cutoff}. */
    int deleteExpiredBefore(Instant cutoff);

    /** The result of {@link #claim}. */
    sealed interface Claim {
        /** This caller claimed the session and may complete the flow. */
        record Won() implements Claim {}

        /** Another callback claimed it first. */
        record AlreadyClaimed() implements Claim {}
    }

    /** How far a claimed session got. */
    sealed interface Outcome {
        /** Its callback is running (or died before it could say how it ended). */
        record InProgress() implements Outcome {}

        /** The account is stored. */
        record Connected(AccountId accountId) implements Outcome {}

        /** The flow failed with this error code; nothing was stored. */
        record Failed(String code) implements Outcome {}
    }

    /** A claimed session, as its callback left it. */
    record Claimed(ConnectState state, Outcome outcome) {}
}
