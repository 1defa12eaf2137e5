package co.plugkit.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.id.AccountId;
import co.plugkit.id.ProfileId;
import co.plugkit.id.WorkspaceId;
import co.plugkit.model.Account;
import co.plugkit.model.Cursor;
import co.plugkit.model.Page;
import co.plugkit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A profile's accounts are listed through the (profile_id, seq) index of migration 12: a small profile in
 * a big workspace pages without reading the workspace's other accounts (the plan names the index), and its
 * pages still come in seq order without gaps or repeats.
 */
class AccountsByProfileIndexTest {
    private static final int OTHERS = 3000;
    private static final int MINE = 25;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<TestDatabase>) TestDatabase::h2),
                Arguments.of("PostgreSQL", (Supplier<TestDatabase>) TestDatabase::postgres),
                Arguments.of("MariaDB", (Supplier<TestDatabase>) TestDatabase::mariadb));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSmallProfileInABigWorkspaceIsListedThroughItsIndex(String name, Supplier<TestDatabase> database)
            throws Exception {
        try (TestDatabase db = database.get()) {
            DataSource ds = db.dataSource();
            JdbiPlugKitStore.migrate(ds);
            WorkspaceId ws = WorkspaceId.random();
            ProfileId mine = ProfileId.random();
            ProfileId big = ProfileId.random();
            execute(
                    ds,
                    "INSERT INTO plugkit_workspaces (id, name, created_at) VALUES ('" + ws.value() + "', 'W', "
                            + "CURRENT_TIMESTAMP)");
            for (ProfileId p : List.of(mine, big)) {
                execute(
                        ds,
                        "INSERT INTO plugkit_profiles (id, workspace_id, name, created_at) VALUES ('" + p.value()
                                + "', '" + ws.value() + "', 'P', CURRENT_TIMESTAMP)");
            }
            List<String> expected = new ArrayList<>();
            insertAccounts(ds, ws, mine, 0, MINE, expected);
            insertAccounts(ds, ws, big, MINE, MINE + OTHERS, new ArrayList<>());
            analyze(ds, name);

            // The statement the store sends for one profile's page (H2 is told the index by name).
            String table = name.equals("H2")
                    ? "plugkit_accounts USE INDEX (plugkit_accounts_profile_seq)"
                    : "plugkit_accounts";
            String plan = explain(
                    ds,
                    "SELECT id FROM " + table + " WHERE workspace_id = '" + ws.value() + "' AND seq > 0"
                            + " AND profile_id = '" + mine.value() + "' ORDER BY seq");
            assertThat(plan.toLowerCase(Locale.ROOT)).contains("plugkit_accounts_profile_seq");

            JdbiPlugKitStore store = JdbiPlugKitStore.of(ds);
            List<String> listed = new ArrayList<>();
            Optional<Cursor> cursor = Optional.empty();
            do {
                Page<Account> page = store.accounts().list(ws, Optional.of(mine), 10, cursor);
                page.items().forEach(a -> listed.add(a.id().value()));
                cursor = page.next();
            } while (cursor.isPresent());
            assertThat(listed).isEqualTo(expected);
        }
    }

    private static void insertAccounts(
            DataSource ds, WorkspaceId ws, ProfileId profile, int from, int to, List<String> ids) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO plugkit_accounts (id, workspace_id, profile_id,"
                        + " platform, external_id, username, account_type, scopes, status, connected_at, updated_at)"
                        + " VALUES (?, ?, ?, 'instagram', ?, 'u', 'BUSINESS', '', 'active', ?, ?)")) {
            Object now = db(ds, Instant.now());
            for (int i = from; i < to; i++) {
                String id = AccountId.random().value();
                ids.add(id);
                ps.setString(1, id);
                ps.setString(2, ws.value());
                ps.setString(3, profile.value());
                ps.setString(4, Long.toString(17841400000000000L + i));
                ps.setObject(5, now);
                ps.setObject(6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Object db(DataSource ds, Instant instant) {
        return SqlDialect.of(ds) == SqlDialect.MYSQL
                ? instant.atOffset(ZoneOffset.UTC).toLocalDateTime()
                : instant.atOffset(ZoneOffset.UTC);
    }

    private static void analyze(DataSource ds, String name) throws SQLException {
        switch (name) {
            case "PostgreSQL" -> execute(ds, "ANALYZE plugkit_accounts");
            case "MariaDB" -> execute(ds, "ANALYZE TABLE plugkit_accounts");
            default -> execute(ds, "ANALYZE");
        }
    }

    private static String explain(DataSource ds, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    plan.append(rs.getString(i)).append(' ');
                }
                plan.append('\n');
            }
        }
        return plan.toString();
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
