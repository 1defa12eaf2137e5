package co.plugkit.store;

import java.time.Instant;
import java.util.Optional;

/** Meta's data deletion requests, kept so that their status page can answer; no personal data. */
public interface DataDeletionStore {

    /** A request that was carried out. */
    record DataDeletion(String confirmationCode, Instant requestedAt, int accountsDeleted) {}

    void insert(DataDeletion deletion);

    Optional<DataDeletion> find(String confirmationCode);
}
