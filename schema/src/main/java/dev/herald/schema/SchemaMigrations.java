package dev.herald.schema;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Herald's Flyway migrations: applied by the {@code migrate} command as the schema's owner, and checked (never
 * applied) by the services at startup, which run as a role that can only read and write rows.
 */
public final class SchemaMigrations {

    private final DatabaseConfig database;

    /** Flyway opens its own connections (it needs several at once), never the service's pool. */
    public SchemaMigrations(DatabaseConfig database) {
        this.database = requireNonNull(database, "database");
    }

    /**
     * Applies the pending migrations, then grants {@code appRole} row access to every table (an empty role grants
     * nothing). Safe to run again and from several processes at once (Flyway takes a lock).
     */
    public MigrateResult apply(String appRole) {
        requireNonNull(appRole, "appRole");
        return flyway(appRole).migrate();
    }

    /**
     * Fails unless every migration of this build has been applied: a service must not run on an older schema than
     * the one it was built for, nor apply migrations itself.
     */
    public void requireCurrent() {
        MigrationInfo[] pending = flyway("").info().pending();
        if (pending.length > 0) {
            MigrationInfo current = flyway("").info().current();
            throw new SchemaNotCurrentException("database schema is at "
                    + (current == null ? "no version (empty)" : "version " + current.getVersion())
                    + ", this build needs version " + pending[pending.length - 1].getVersion()
                    + ": run the migrate command first (docs/operations.md)");
        }
    }

    private Flyway flyway(String appRole) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration", "classpath:db/callback")
                .placeholders(Map.of("appRole", appRole))
                .load();
    }

    /** The schema lacks migrations this build needs. */
    public static final class SchemaNotCurrentException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        SchemaNotCurrentException(String message) {
            super(message);
        }
    }
}
