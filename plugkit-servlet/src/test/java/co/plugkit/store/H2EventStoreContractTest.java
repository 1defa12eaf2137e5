package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** The event store contract on H2. */
class H2EventStoreContractTest extends EventStoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
