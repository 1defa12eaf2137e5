package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** Two servers on one Postgres database. */
class PostgresMultiServerTest extends MultiServerTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
