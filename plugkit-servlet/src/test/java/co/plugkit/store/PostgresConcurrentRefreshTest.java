package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** Several refreshers on one Postgres database. */
class PostgresConcurrentRefreshTest extends ConcurrentRefreshTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
