package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** Several refreshers on one H2 database. */
class H2ConcurrentRefreshTest extends ConcurrentRefreshTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
