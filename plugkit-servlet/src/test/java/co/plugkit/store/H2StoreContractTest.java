package co.plugkit.store;

import co.plugkit.testing.TestDatabase;

/** The store contract on H2. */
class H2StoreContractTest extends StoreContractTest {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    @Override
    protected String createdAtAsUtcText() {
        return "FORMATDATETIME(created_at, 'yyyy-MM-dd HH:mm:ss.SSSSSS', 'en', 'UTC')";
    }
}
