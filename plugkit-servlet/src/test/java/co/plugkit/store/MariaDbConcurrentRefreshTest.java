package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** Several refreshers on one MariaDb database. */
class MariaDbConcurrentRefreshTest extends ConcurrentRefreshTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariadb();
    }
}
