package dev.herald.bench.ceiling;

import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Herald's schema, migrated by Flyway as the services do, optionally cut down to the primary keys of the tables a
 * message is written to, then an optional statement of the variant under test (e.g. an index storage parameter).
 */
final class FreshSchema {

    /** Which indexes the tables keep. */
    enum Indexes {
        /** Every index the migrations create: what the services run on. */
        SCHEMA,
        /** {@code messages} and {@code receipts} with their primary keys only: the floor of what a write costs. */
        PRIMARY_KEYS_ONLY
    }

    private FreshSchema() {}

    static void migrate(String jdbcUrl, String user, Indexes indexes, String extraSql) throws Exception {
        try (Database database = new Database(new DatabaseConfig(jdbcUrl, user, "", 2), "ceiling")) {
            database.migrate();
        }
        try (var c = DriverManager.getConnection(jdbcUrl, user, ""); var s = c.createStatement()) {
            if (indexes == Indexes.PRIMARY_KEYS_ONLY) {
                List<String> secondary = new ArrayList<>();
                try (var r = s.executeQuery("select indexrelid::regclass::text from pg_index"
                        + " where indrelid in ('messages'::regclass, 'receipts'::regclass) and not indisprimary")) {
                    while (r.next()) {
                        secondary.add(r.getString(1));
                    }
                }
                if (!secondary.isEmpty()) {
                    s.execute("drop index " + String.join(", ", secondary));
                }
            }
            if (!extraSql.isBlank()) {
                s.execute(extraSql);
            }
        }
    }
}
