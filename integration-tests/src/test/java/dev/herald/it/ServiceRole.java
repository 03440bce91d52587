package dev.herald.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL role the stacks' services run as: it logs in (trust auth on the test server) and gets row access
 * from each migration's grants, nothing else. Roles are per server, so every stack shares this one; each test
 * database grants it separately.
 */
final class ServiceRole {

    static final String NAME = "herald_it_app";

    private ServiceRole() {}

    /** Creates the role unless it exists; concurrent test JVMs may race to create it, and either wins. */
    static void ensure(PostgresHandle postgres) throws SQLException {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                        CREATE ROLE %s LOGIN;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                    END $$""".formatted(NAME));
        }
    }
}
