package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.ServiceProcess;
import dev.herald.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar message-service-all.jar migrate} as operators run it, and the service refusing a schema it was
 * not built for instead of migrating it.
 */
class MigrateCommandIT {

    TestDatabase database;
    String role;

    @BeforeEach
    void createDatabaseAndRole() throws SQLException {
        database = TestDatabase.create();
        role = "herald_migrate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("create role " + role + " login");
        }
    }

    @AfterEach
    void dropDatabaseAndRole() throws SQLException {
        database.close();
        try (Connection c = java.sql.DriverManager.getConnection(
                database.jdbcUrl().replace(database.name(), "postgres"), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute("drop role if exists " + role);
        }
    }

    @Test
    void migrateAppliesTheSchemaOnceAndGrantsTheServiceRoleRowAccess() throws SQLException {
        Map<String, String> env = Map.of("HERALD_DB_URL", database.jdbcUrl(), "HERALD_DB_USER", database.user(),
                "HERALD_DB_APP_ROLE", role);
        try (ServiceProcess first = ServiceProcess.startShadedJar(env, List.of("migrate"))) {
            assertThat(first.awaitExit(Duration.ofSeconds(60))).as("stderr: %s", first.stderr()).isZero();
            assertThat(first.stdout()).filteredOn(line -> line.startsWith("herald migrate:")).singleElement()
                    .asString().matches("herald migrate: schema at version \\d+ \\([1-9]\\d* applied\\) as "
                            + database.user() + "; " + role + " may read and write rows");
        }
        try (ServiceProcess again = ServiceProcess.startShadedJar(env, List.of("migrate"))) {
            assertThat(again.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(again.stdout()).anyMatch(line -> line.contains("(0 applied)"));
        }
        try (Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), role, "");
             Statement s = c.createStatement()) {
            s.execute("insert into users (id, name, created_at, updated_at) values ('a', 'A', now(), now())");
        }
    }

    @Test
    void aRoleThatDoesNotExistFailsTheMigrateWithOneLine() {
        Map<String, String> env = Map.of("HERALD_DB_URL", database.jdbcUrl(), "HERALD_DB_USER", database.user(),
                "HERALD_DB_APP_ROLE", "nobody_" + role);
        try (ServiceProcess migrate = ServiceProcess.startShadedJar(env, List.of("migrate"))) {
            assertThat(migrate.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(migrate.stderr()).filteredOn(line -> line.startsWith("herald migrate: ")).singleElement()
                    .asString().startsWith("herald migrate: cannot start: ")
                    .contains("role \"nobody_" + role + "\" does not exist");
        }
    }

    @Test
    void theServiceRefusesAnUnmigratedSchemaAndDoesNotMigrateIt() throws SQLException {
        Map<String, String> env = Map.of("HERALD_DB_URL", database.jdbcUrl(), "HERALD_DB_USER", database.user(),
                "HERALD_DEV_MODE", "true", "HERALD_GRPC_PORT", "0");
        try (ServiceProcess service = ServiceProcess.startShadedJar(env)) {
            assertThat(service.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(service.stderr()).filteredOn(line -> line.startsWith("herald message-service: "))
                    .singleElement().asString().matches("herald message-service: cannot start:"
                            + " SchemaNotCurrentException: database schema is at no version \\(empty\\), this build"
                            + " needs version \\d+: run the migrate command first \\(docs/operations.md\\)");
        }
        try (Connection c = database.connect(); Statement s = c.createStatement();
             var tables = s.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("tables created by the service").isZero();
        }
    }

    @Test
    void anUnknownArgumentStopsItWithOneLineAndExitTwo() {
        try (ServiceProcess service = ServiceProcess.startShadedJar(Map.of(), List.of("migrat"))) {
            assertThat(service.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(service.stderr()).containsExactly("herald message-service: unknown arguments migrat"
                    + " (expected: none to run the service, or migrate)");
        }
    }
}
