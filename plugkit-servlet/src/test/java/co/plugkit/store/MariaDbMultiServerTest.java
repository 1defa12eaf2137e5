package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** Two servers on one MariaDb database. */
class MariaDbMultiServerTest extends MultiServerTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariadb();
    }
}
