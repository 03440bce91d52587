package dev.herald.bench.ceiling;

import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import java.sql.DriverManager;

/**
 * Herald's schema, migrated by Flyway as the services do, optionally without the trigram indexes,
 * then an optional statement of the variant under test (e.g. an index storage parameter).
 */
final class FreshSchema {

    private FreshSchema() {}

    static void migrate(String jdbcUrl, String user, boolean trigram, String extraSql) throws Exception {
        try (Database database = new Database(new DatabaseConfig(jdbcUrl, user, "", 2), "ceiling")) {
            database.migrate();
        }
        try (var c = DriverManager.getConnection(jdbcUrl, user, ""); var s = c.createStatement()) {
            if (!trigram) {
                s.execute("drop index messages_body_trgm_idx, messages_title_trgm_idx");
            }
            if (!extraSql.isBlank()) {
                s.execute(extraSql);
            }
        }
    }
}
