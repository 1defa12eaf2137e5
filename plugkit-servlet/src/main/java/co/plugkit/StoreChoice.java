package co.plugkit;

import co.plugkit.store.PlugKitStore;
import co.plugkit.store.jdbi.JdbiPlugKitStore;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** The store a builder was given: a store as it is, else the default store on a Jdbi or a data source. */
final class StoreChoice {
    private StoreChoice() {}

    static PlugKitStore of(
            @Nullable PlugKitStore store, @Nullable Jdbi jdbi, @Nullable DataSource dataSource, boolean migrate) {
        if (store != null) {
            return store;
        }
        if (jdbi != null) {
            return JdbiPlugKitStore.of(jdbi);
        }
        if (dataSource != null) {
            if (migrate) {
                JdbiPlugKitStore.migrate(dataSource);
            }
            return JdbiPlugKitStore.of(dataSource);
        }
        throw new PlugKitConfigException("PlugKit needs a database: pass a DataSource, a Jdbi or a store");
    }
}
