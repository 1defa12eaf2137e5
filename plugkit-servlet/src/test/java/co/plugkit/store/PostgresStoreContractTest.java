package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** The store contract on Postgres. */
class PostgresStoreContractTest extends StoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }

    @Override
    protected String createdAtAsUtcText() {
        return "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
    }
}
