package co.plugkit.internal.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The outcomes of one refresh run, counted as the workers finish: each outcome goes to its field of
 * {@link TokenRefresher.Report}. A worker that was interrupted or threw counts as deferred — the account's
 * lease runs out and a later run tries it again.
 */
final class RefreshTally {
    private int refreshed;
    private int checked;
    private int needsReconnect;
    private int deferred;
    private int superseded;

    /** Waits for one worker's outcome and counts it. */
    void add(Future<RefreshOutcome> result) {
        add(await(result));
    }

    void add(RefreshOutcome outcome) {
        if (outcome instanceof RefreshOutcome.Refreshed) {
            refreshed++;
        } else if (outcome instanceof RefreshOutcome.Checked) {
            checked++;
        } else if (outcome instanceof RefreshOutcome.NeedsReconnect) {
            needsReconnect++;
        } else if (outcome instanceof RefreshOutcome.Deferred) {
            deferred++;
        } else {
            superseded++;
        }
    }

    /** The run's report, with the tokens the run found expired before it asked Instagram anything. */
    TokenRefresher.Report report(int expired) {
        return new TokenRefresher.Report(refreshed, checked, needsReconnect, deferred, superseded, expired);
    }

    private static RefreshOutcome await(Future<RefreshOutcome> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RefreshOutcome.Deferred("interrupted");
        } catch (ExecutionException e) {
            return new RefreshOutcome.Deferred(e.getCause().getClass().getSimpleName());
        }
    }
}
