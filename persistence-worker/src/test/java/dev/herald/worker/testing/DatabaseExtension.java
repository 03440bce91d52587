package dev.herald.worker.testing;

import dev.herald.config.Env;
import dev.herald.schema.Database;
import dev.herald.schema.DatabaseConfig;
import dev.herald.testing.TestDatabase;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A uuid-named, migrated PostgreSQL database per test class, dropped afterwards. */
public final class DatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    private TestDatabase testDb;
    private Database database;

    @Override
    public void beforeAll(ExtensionContext context) {
        testDb = TestDatabase.create();
        database = new Database(DatabaseConfig.from(Env.of(env())), "test-" + context.getDisplayName());
        database.migrate();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        database.close();
        testDb.close();
    }

    /** The HERALD_DB_* variables pointing at this database. */
    public Map<String, String> env() {
        return Map.of("HERALD_DB_URL", testDb.jdbcUrl(), "HERALD_DB_USER", testDb.user(),
                "HERALD_DB_PASSWORD", testDb.password(), "HERALD_DB_POOL_SIZE", "4");
    }

    /** A context on the test's own pool, for setup and assertions. */
    public DSLContext dsl() {
        return database.dsl();
    }

    /** Empties the tables between tests that share the database. */
    public void truncate() {
        dsl().execute("truncate table receipts, messages, users, purged_messages, dead_letters, rooms, room_members, "
                + "message_marks, pending_marks, pending_last_seen, erased_users");
    }
}
