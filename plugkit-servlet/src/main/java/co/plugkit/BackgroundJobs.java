package co.plugkit;

import co.plugkit.internal.engine.ConnectStateSweeper;
import co.plugkit.internal.engine.Engine;
import co.plugkit.internal.engine.EventRetentionSweeper;
import co.plugkit.internal.engine.HousekeepingScheduler;
import co.plugkit.internal.engine.RefreshScheduler;
import co.plugkit.store.PlugKitStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The work one PlugKit does on its own threads: the refresh runs (unless the host runs them,
 * {@code plugkit.refresh.enabled=false}) and the housekeeping — expired connect sessions and events past
 * their retention. Started with PlugKit, stopped with it.
 */
final class BackgroundJobs implements AutoCloseable {
    private final Optional<RefreshScheduler> refresh;
    private final HousekeepingScheduler housekeeping;
    private final Optional<EventRetentionSweeper> eventRetention;

    private BackgroundJobs(
            Optional<RefreshScheduler> refresh,
            HousekeepingScheduler housekeeping,
            Optional<EventRetentionSweeper> eventRetention) {
        this.refresh = refresh;
        this.housekeeping = housekeeping;
        this.eventRetention = eventRetention;
    }

    static BackgroundJobs start(PlugKitConfig config, PlugKitStore store, Engine engine, Clock clock) {
        Optional<RefreshScheduler> refresh = config.refreshEnabled()
                ? Optional.of(RefreshScheduler.start(
                        engine.refresher(),
                        engine.resealer(),
                        config.refreshPolicy().interval()))
                : Optional.empty();
        Optional<EventRetentionSweeper> eventRetention =
                config.eventRetention().map(retention -> new EventRetentionSweeper(store.events(), retention, clock));
        List<HousekeepingScheduler.Task> tasks = new ArrayList<>();
        ConnectStateSweeper states = new ConnectStateSweeper(store.connectStates(), clock);
        tasks.add(new HousekeepingScheduler.Task("expired connect sessions", states::runOnce));
        eventRetention.ifPresent(
                sweeper -> tasks.add(new HousekeepingScheduler.Task("events past their retention", sweeper::runOnce)));
        return new BackgroundJobs(
                refresh, HousekeepingScheduler.start(tasks, HousekeepingScheduler.INTERVAL), eventRetention);
    }

    /** One retention run now (see {@link PlugKit#deleteExpiredEventsNow()}); 0 when events are kept forever. */
    int deleteExpiredEventsNow() {
        return eventRetention.map(EventRetentionSweeper::runOnce).orElse(0);
    }

    @Override
    public void close() {
        refresh.ifPresent(RefreshScheduler::close);
        housekeeping.close();
    }
}
