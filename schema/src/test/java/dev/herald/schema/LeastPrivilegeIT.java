package dev.herald.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The split between the schema's owner and the services' role: migrations applied as the owner grant the service
 * role row access and nothing more, and a service checks the schema version instead of migrating.
 */
class LeastPrivilegeIT {

    static final String ROLE = "herald_test_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static TestDatabase testDb;

    @BeforeAll
    static void createDatabaseAndRole() throws SQLException {
        testDb = TestDatabase.create();
        try (Connection c = testDb.connect(); Statement s = c.createStatement()) {
            s.execute("create role " + ROLE + " login");
        }
    }

    @AfterAll
    static void dropDatabaseAndRole() throws SQLException {
        testDb.close();
        try (Connection c = DriverManager.getConnection(testDb.jdbcUrl().replace(testDb.name(), "postgres"),
                testDb.user(), testDb.password()); Statement s = c.createStatement()) {
            s.execute("drop role if exists " + ROLE);
        }
    }

    @Test
    void theServiceRoleReadsAndWritesRowsButCannotChangeTheSchema() throws SQLException {
        try (Database owner = database(testDb.user())) {
            owner.migrations().apply(ROLE);
        }
        try (Database service = database(ROLE)) {
            service.requireCurrentSchema();
            assertThat(new SchemaPrivileges(service.dsl()).beyondRowAccess()).isEmpty();
        }
        try (Connection c = asServiceRole(); Statement s = c.createStatement()) {
            s.execute("insert into users (id, name, created_at, updated_at) values ('alice', 'Alice', now(), now())");
            s.execute("update users set name = 'Alice A.' where id = 'alice'");
            try (var rows = s.executeQuery("select count(*) from users")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            s.execute("delete from users where id = 'alice'");
            // The worker keeps dead letters (their ids come from an identity sequence), the message-service
            // lists and deletes them.
            s.execute("insert into dead_letters (stream_sequence, subject, payload, reason, failed_at)"
                    + " values (7, 'herald.events.message', '\\x00ff', 'undecodable: test', now())");
            try (var rows = s.executeQuery("select count(*) from dead_letters where stream_sequence = 7")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            s.execute("delete from dead_letters where stream_sequence = 7");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "create table intruder (id int)",
            "drop table messages",
            "alter table messages add column intruder text",
            "truncate receipts",
            "create index intruder on messages (body)",
            "delete from flyway_schema_history",
            "insert into flyway_schema_history (installed_rank, description, type, script, installed_by, success)"
                    + " values (99, 'x', 'SQL', 'x', 'x', true)"})
    void theServiceRoleIsRefused(String statement) throws SQLException {
        try (Database owner = database(testDb.user())) {
            owner.migrations().apply(ROLE);
        }
        try (Connection c = asServiceRole(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(statement)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"))
                    .hasMessageMatching("(?s).*(permission denied|must be owner).*");
        }
    }

    @Test
    void theSuperuserIsReportedAsBeyondRowAccess() {
        try (Database owner = database(testDb.user())) {
            assertThat(new SchemaPrivileges(owner.dsl()).beyondRowAccess()).hasValueSatisfying(
                    excess -> assertThat(excess).contains("is a superuser"));
        }
    }

    @Test
    void anUnmigratedSchemaIsRefusedWithTheVersionsAndWhatToRun() {
        try (TestDatabase empty = TestDatabase.create();
             Database service = new Database(new DatabaseConfig(empty.jdbcUrl(), empty.user(), empty.password(), 1),
                     "test")) {
            assertThatThrownBy(service::requireCurrentSchema)
                    .isInstanceOf(SchemaMigrations.SchemaNotCurrentException.class)
                    .hasMessageStartingWith("database schema is at no version (empty), this build needs version ")
                    .hasMessageEndingWith(": run the migrate command first (docs/operations.md)");
            service.migrate();
            service.requireCurrentSchema();
        }
    }

    private static Database database(String user) {
        return new Database(new DatabaseConfig(testDb.jdbcUrl(), user, "", 1), "test-" + user);
    }

    private static Connection asServiceRole() throws SQLException {
        return DriverManager.getConnection(testDb.jdbcUrl(), ROLE, "");
    }
}
