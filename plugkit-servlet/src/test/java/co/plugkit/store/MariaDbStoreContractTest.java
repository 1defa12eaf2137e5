package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** The store contract on MariaDb. */
class MariaDbStoreContractTest extends StoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariadb();
    }

    @Override
    protected String createdAtAsUtcText() {
        return "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f')";
    }
}
