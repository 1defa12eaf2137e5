package co.plugkit.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database at schema version 3 (the last release before token limits and platforms in keys) migrates to
 * the current schema with its contents unchanged, on each database PlugKit supports; afterwards the same
 * external id may exist once per platform of a profile.
 */
class MigrationFromV3Test {

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<TestDatabase>) TestDatabase::h2),
                Arguments.of("PostgreSQL", (Supplier<TestDatabase>) TestDatabase::postgres),
                Arguments.of("MariaDB", (Supplier<TestDatabase>) TestDatabase::mariadb));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aVersion3DatabaseKeepsEveryRow(String name, Supplier<TestDatabase> database) throws Exception {
        try (TestDatabase db = database.get()) {
            DataSource ds = db.dataSource();
            flyway(ds).target("3").load().migrate();
            String ts = "TIMESTAMP '2026-11-01 10:00:00'";
            execute(
                    ds,
                    "INSERT INTO plugkit_workspaces (id, name, created_at) VALUES ('ws_1', 'Acme', " + ts + ")",
                    "INSERT INTO plugkit_profiles (id, workspace_id, name, created_at) VALUES ('prof_1', 'ws_1', 'Jane', "
                            + ts + ")",
                    "INSERT INTO plugkit_accounts (id, workspace_id, profile_id, platform, external_id, app_scoped_id,"
                            + " username, display_name, account_type, scopes, status, token_key_id, token_ciphertext,"
                            + " token_expires_at, connected_at, updated_at, token_issued_at, last_checked_at)"
                            + " VALUES ('acc_1', 'ws_1', 'prof_1', 'instagram', '17841400000000001', '2728', 'acme',"
                            + " 'Acme', 'BUSINESS', 'instagram_business_basic', 'active', 'k-1', 'eyJsealed', " + ts
                            + ", " + ts + ", " + ts + ", " + ts + ", " + ts + ")",
                    "INSERT INTO plugkit_connect_states (state_hash, workspace_id, profile_id, redirect_url,"
                            + " created_at, expires_at) VALUES ('" + "a".repeat(64) + "', 'ws_1', 'prof_1', NULL, "
                            + ts + ", " + ts + ")");
            List<Map<String, Object>> accountsBefore = rows(ds, "SELECT * FROM plugkit_accounts ORDER BY id");
            List<Map<String, Object>> statesBefore = rows(ds, "SELECT * FROM plugkit_connect_states");

            JdbiPlugKitStore.migrate(ds);

            // Every column kept its value; later versions only add columns (V11: the webhook subscription's).
            List<Map<String, Object>> accountsAfter = rows(ds, "SELECT * FROM plugkit_accounts ORDER BY id");
            assertThat(accountsAfter).hasSameSizeAs(accountsBefore);
            for (int i = 0; i < accountsBefore.size(); i++) {
                assertThat(accountsAfter.get(i)).containsAllEntriesOf(accountsBefore.get(i));
                assertThat(accountsAfter.get(i).get("webhooks")).isNull();
            }
            List<Map<String, Object>> statesAfter = rows(ds, "SELECT * FROM plugkit_connect_states");
            assertThat(statesAfter).hasSize(1);
            assertThat(statesAfter.get(0)).containsAllEntriesOf(statesBefore.get(0));
            assertThat(statesAfter.get(0).get("platform")).isEqualTo("instagram");

            // The key now has the platform: the same id on another platform is a second account, the same
            // id on the same platform is still refused.
            String insert = "INSERT INTO plugkit_accounts (id, workspace_id, profile_id, platform, external_id,"
                    + " username, account_type, scopes, status, connected_at, updated_at) VALUES ('%s', 'ws_1',"
                    + " 'prof_1', '%s', '17841400000000001', 'acme', 'X', '', 'active', " + ts + ", " + ts + ")";
            execute(ds, String.format(insert, "acc_2", "mini"));
            assertThatThrownBy(() -> execute(ds, String.format(insert, "acc_3", "instagram")))
                    .isInstanceOf(SQLException.class);
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource ds) {
        return Flyway.configure()
                .dataSource(ds)
                .locations(SqlDialect.of(ds).migrations())
                .table(JdbiPlugKitStore.HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }

    private static void execute(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Every row, each column by lower-case name, values as the driver reads them. */
    private static List<Map<String, Object>> rows(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(
                            meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
                            value == null ? null : value.toString());
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
