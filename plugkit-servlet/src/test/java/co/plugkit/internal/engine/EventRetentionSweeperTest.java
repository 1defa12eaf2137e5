package co.plugkit.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.id.EventId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Cursor;
import co.plugkit.model.Event;
import co.plugkit.model.Page;
import co.plugkit.store.EventStore;
import co.plugkit.store.NewEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The sweeper's batching: the cutoff it asks for, and when a run stops. The SQL is the contract tests'. */
class EventRetentionSweeperTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    /** Has {@code backlog} old events and deletes at most the limit asked for each call. */
    private static final class Backlog implements EventStore {
        int backlog;
        final List<Instant> cutoffs = new ArrayList<>();

        Backlog(int backlog) {
            this.backlog = backlog;
        }

        @Override
        public int deleteOlderThan(Instant cutoff, int limit) {
            cutoffs.add(cutoff);
            int deleted = Math.min(limit, backlog);
            backlog -= deleted;
            return deleted;
        }

        @Override
        public void afterCommit(Consumer<List<Event>> sink) {}

        @Override
        public List<Event> append(List<NewEvent> events, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Event> find(WorkspaceId workspaceId, EventId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Event> pageNewestFirst(
                WorkspaceId workspaceId, List<String> types, int limit, Optional<Cursor> olderThan) {
            throw new UnsupportedOperationException();
        }
    }

    private static EventRetentionSweeper sweeper(Backlog store) {
        return new EventRetentionSweeper(store, Duration.ofDays(90), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aSmallBacklogGoesInOneRunThatStopsAtTheFirstShortBatch() {
        Backlog store = new Backlog(EventRetentionSweeper.BATCH + 7);
        assertThat(sweeper(store).runOnce()).isEqualTo(EventRetentionSweeper.BATCH + 7);
        assertThat(store.cutoffs).hasSize(2).containsOnly(NOW.minus(Duration.ofDays(90)));
        assertThat(sweeper(store).runOnce()).isZero();
    }

    @Test
    void aLargeBacklogIsDeletedOverSeveralBoundedRuns() {
        int perRun = EventRetentionSweeper.BATCH * EventRetentionSweeper.MAX_BATCHES;
        Backlog store = new Backlog(perRun + 10);
        assertThat(sweeper(store).runOnce()).isEqualTo(perRun);
        assertThat(store.cutoffs).hasSize(EventRetentionSweeper.MAX_BATCHES);
        assertThat(sweeper(store).runOnce()).isEqualTo(10);
        assertThat(store.backlog).isZero();
    }

    @Test
    void aRetentionMustBePositive() {
        assertThatThrownBy(() -> new EventRetentionSweeper(new Backlog(0), Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
