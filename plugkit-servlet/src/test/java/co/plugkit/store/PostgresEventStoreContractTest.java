package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** The event store contract on Postgres. */
class PostgresEventStoreContractTest extends EventStoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
