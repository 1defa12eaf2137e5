package co.plugkit.store.jdbi;

import co.plugkit.store.DataDeletionStore;
import java.util.Optional;

final class JdbiDataDeletionStore implements DataDeletionStore {
    private final JdbiCalls calls;

    JdbiDataDeletionStore(JdbiCalls calls) {
        this.calls = calls;
    }

    @Override
    public void insert(DataDeletion deletion) {
        calls.withHandle(h -> h.createUpdate("INSERT INTO plugkit_data_deletions (confirmation_code, requested_at,"
                        + " accounts_deleted) VALUES (:code, :at, :count)")
                .bind("code", deletion.confirmationCode())
                .bind("at", calls.at(deletion.requestedAt()))
                .bind("count", deletion.accountsDeleted())
                .execute());
    }

    @Override
    public Optional<DataDeletion> find(String confirmationCode) {
        return calls.read(h -> h.createQuery("SELECT confirmation_code, requested_at, accounts_deleted"
                        + " FROM plugkit_data_deletions WHERE confirmation_code = :code")
                .bind("code", confirmationCode)
                .map((rs, ctx) -> new DataDeletion(
                        rs.getString("confirmation_code"),
                        calls.instant(rs, "requested_at"),
                        rs.getInt("accounts_deleted")))
                .findOne());
    }
}
