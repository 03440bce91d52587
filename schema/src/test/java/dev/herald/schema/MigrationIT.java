package dev.herald.schema;

import dev.herald.config.Env;
import static dev.herald.schema.generated.Tables.MESSAGES;
import static dev.herald.schema.generated.Tables.RECEIPTS;
import static dev.herald.schema.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationIT {

    static TestDatabase testDb;
    static Database database;

    @BeforeAll
    static void migrate() {
        testDb = TestDatabase.create();
        database = new Database(DatabaseConfig.from(Env.of(Map.of(
                "HERALD_DB_URL", testDb.jdbcUrl(), "HERALD_DB_USER", testDb.user(),
                "HERALD_DB_PASSWORD", testDb.password()))), "test");
        database.migrate();
        database.migrate(); // a second run is a no-op
    }

    @AfterAll
    static void drop() {
        database.close();
        testDb.close();
    }

    @Test
    void generatedClassesMatchTheMigratedTables() {
        var dsl = database.dsl();
        OffsetDateTime now = OffsetDateTime.now();
        UUID id = UUID.randomUUID();
        dsl.insertInto(USERS).set(USERS.ID, "alice").set(USERS.NAME, "Alice")
                .set(USERS.CREATED_AT, now).set(USERS.UPDATED_AT, now).execute();
        dsl.insertInto(MESSAGES).set(MESSAGES.ID, id).set(MESSAGES.SENDER_ID, "alice")
                .set(MESSAGES.SENDER_NAME, "Alice").set(MESSAGES.TITLE, "").set(MESSAGES.BODY, "hi")
                .set(MESSAGES.TYPE, "").set(MESSAGES.CLIENT_ID, "c1").set(MESSAGES.CREATED_AT, now)
                .set(MESSAGES.STREAM_SEQUENCE, 1L).execute();
        dsl.insertInto(RECEIPTS).set(RECEIPTS.RECEIVER_ID, "bob").set(RECEIPTS.MESSAGE_ID, id).execute();

        assertThat(dsl.fetchCount(RECEIPTS, RECEIPTS.RECEIVER_ID.eq("bob"))).isEqualTo(1);
    }

    @Test
    void aSendersClientIdIsUniqueForGood() {
        var dsl = database.dsl();
        OffsetDateTime now = OffsetDateTime.now();
        Runnable insert = () -> dsl.insertInto(MESSAGES).set(MESSAGES.ID, UUID.randomUUID())
                .set(MESSAGES.SENDER_ID, "carol").set(MESSAGES.SENDER_NAME, "Carol").set(MESSAGES.TITLE, "")
                .set(MESSAGES.BODY, "hi").set(MESSAGES.TYPE, "").set(MESSAGES.CLIENT_ID, "same")
                .set(MESSAGES.CREATED_AT, now).set(MESSAGES.STREAM_SEQUENCE, 2L).execute();
        insert.run();

        assertThatThrownBy(insert::run).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("messages_sender_client_id_key");
    }
}
