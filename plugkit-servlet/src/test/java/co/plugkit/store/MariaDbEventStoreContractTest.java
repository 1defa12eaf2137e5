package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** The event store contract on MariaDb. */
class MariaDbEventStoreContractTest extends EventStoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariadb();
    }
}
