package co.plugkit.store.jdbi;

import co.plugkit.store.AccountStore;
import co.plugkit.store.ConnectStateStore;
import co.plugkit.store.DataDeletionStore;
import co.plugkit.store.EventStore;
import co.plugkit.store.MetaWebhookStore;
import co.plugkit.store.PlugKitStore;
import co.plugkit.store.ProfileStore;
import co.plugkit.store.RefreshStore;
import co.plugkit.store.WebhookStore;
import co.plugkit.store.WorkspaceStore;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The default store: plain SQL through JDBI on H2, PostgreSQL, MariaDB or MySQL, the schema kept by
 * Flyway migrations per database ({@link SqlDialect#migrations()}). The dialect is found from the
 * database itself.
 */
public final class JdbiPlugKitStore implements PlugKitStore {

    /** PlugKit's own Flyway history table, so it never mixes with a host's migrations. */
    public static final String HISTORY_TABLE = "plugkit_schema_history";

    private final JdbiCalls calls;
    private final JdbiWorkspaceStore workspaces;
    private final JdbiProfileStore profiles;
    private final JdbiAccountStore accounts;
    private final JdbiRefreshStore refresh;
    private final JdbiConnectStateStore connectStates;
    private final JdbiDataDeletionStore dataDeletions;
    private final JdbiEventStore events;
    private final JdbiMetaWebhookStore metaWebhooks;
    private final JdbiWebhookStore webhooks;

    private JdbiPlugKitStore(Jdbi jdbi, SqlDialect dialect) {
        this.calls = new JdbiCalls(jdbi, dialect);
        JdbiOutbox outbox = new JdbiOutbox(calls);
        this.workspaces = new JdbiWorkspaceStore(calls, outbox);
        this.profiles = new JdbiProfileStore(calls);
        this.accounts = new JdbiAccountStore(calls, outbox);
        this.refresh = new JdbiRefreshStore(calls, outbox, accounts.rows());
        this.connectStates = new JdbiConnectStateStore(calls);
        this.dataDeletions = new JdbiDataDeletionStore(calls);
        this.events = new JdbiEventStore(calls, outbox);
        this.metaWebhooks = new JdbiMetaWebhookStore(calls, outbox);
        this.webhooks = new JdbiWebhookStore(calls, outbox);
    }

    /** A store over an existing JDBI instance; the schema must already be migrated. */
    public static JdbiPlugKitStore of(Jdbi jdbi) {
        Objects.requireNonNull(jdbi, "jdbi");
        return new JdbiPlugKitStore(jdbi, jdbi.withHandle(h -> SqlDialect.of(h.getConnection())));
    }

    /** A store over a data source; the schema must already be migrated (see {@link #migrate(DataSource)}). */
    public static JdbiPlugKitStore of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new JdbiPlugKitStore(Jdbi.create(dataSource), SqlDialect.of(dataSource));
    }

    /**
     * Brings PlugKit's tables up to date with the migrations of the database's dialect. Safe on every
     * start, and from several servers at once (Flyway takes a database lock).
     */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(SqlDialect.of(dataSource).migrations())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    @Override
    public WorkspaceStore workspaces() {
        return workspaces;
    }

    @Override
    public ProfileStore profiles() {
        return profiles;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public RefreshStore refresh() {
        return refresh;
    }

    @Override
    public ConnectStateStore connectStates() {
        return connectStates;
    }

    @Override
    public DataDeletionStore dataDeletions() {
        return dataDeletions;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public MetaWebhookStore metaWebhooks() {
        return metaWebhooks;
    }

    @Override
    public WebhookStore webhooks() {
        return webhooks;
    }

    @Override
    public boolean isReachable() {
        try {
            return calls.withHandle(
                    h -> h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
