package dev.herald.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The SQL of each update statement, word for word as the one-class-per-statement queries it replaced wrote it
 * ({@code BatchWriterUpdatesIT} runs them against PostgreSQL).
 */
class UpdateStatementsTest {

    private static final DSLContext postgres = DSL.using(SQLDialect.POSTGRES);
    private static final List<UUID> IDS = List.of(UUID.randomUUID(), UUID.randomUUID());
    private static final OffsetDateTime AT = OffsetDateTime.parse("2025-03-01T10:00:00Z");

    @Test
    void receiptsRead() {
        assertThat(sql(StampOnce.receiptsRead("r", IDS, AT))).isEqualTo("""
                update "receipts" set "read_at" = cast(? as timestamp(6) with time zone) \
                where ("receipts"."receiver_id" = ? and "receipts"."message_id" = any (cast(? as uuid[])) \
                and ("receipts"."read_at" is null or "receipts"."read_at" > cast(? as timestamp(6) with time zone)))""");
    }

    @Test
    void receiptsDeleted() {
        assertThat(sql(StampOnce.receiptsDeleted("r", IDS, AT))).isEqualTo("""
                update "receipts" set "deleted_at" = cast(? as timestamp(6) with time zone) \
                where ("receipts"."receiver_id" = ? and "receipts"."message_id" = any (cast(? as uuid[])) \
                and ("receipts"."deleted_at" is null or "receipts"."deleted_at" > cast(? as timestamp(6) with time zone)))""");
    }

    @Test
    void sentDeleted() {
        assertThat(sql(StampOnce.sentDeleted("s", IDS, AT))).isEqualTo("""
                update "messages" set "sender_deleted_at" = cast(? as timestamp(6) with time zone) \
                where ("messages"."sender_id" = ? and "messages"."id" = any (cast(? as uuid[])) \
                and ("messages"."sender_deleted_at" is null or "messages"."sender_deleted_at" > cast(? as timestamp(6) with time zone)))""");
    }

    @Test
    void recalled() {
        assertThat(sql(StampOnce.recalled("s", IDS, AT))).isEqualTo("""
                update "messages" set "recalled_at" = cast(? as timestamp(6) with time zone) \
                where ("messages"."sender_id" = ? and "messages"."id" = any (cast(? as uuid[])) \
                and ("messages"."recalled_at" is null or "messages"."recalled_at" > cast(? as timestamp(6) with time zone)))""");
    }

    @Test
    void recalledReceiptsDeleted() {
        assertThat(sql(StampOnce.recalledReceiptsDeleted("s", IDS, AT))).isEqualTo("""
                update "receipts" set "deleted_at" = cast(? as timestamp(6) with time zone) \
                where ("receipts"."message_id" in (select "messages"."id" from "messages" \
                where ("messages"."sender_id" = ? and "messages"."id" = any (cast(? as uuid[])))) \
                and ("receipts"."deleted_at" is null or "receipts"."deleted_at" > cast(? as timestamp(6) with time zone)))""");
    }

    @Test
    void purge() {
        assertThat(Purge.receiptsOf(IDS).query(postgres).getSQL())
                .isEqualTo("delete from \"receipts\" where \"receipts\".\"message_id\" = any (cast(? as uuid[]))");
        assertThat(Purge.messages(IDS).query(postgres).getSQL())
                .isEqualTo("delete from \"messages\" where \"messages\".\"id\" = any (cast(? as uuid[]))");
    }

    @Test
    void anEmptyListRunsNoStatement() {
        // A context without a connection would fail on execute.
        assertThat(StampOnce.receiptsRead("r", List.of(), AT).apply(postgres)).isZero();
        assertThat(Purge.messages(List.of()).apply(postgres)).isZero();
    }

    private static String sql(StampOnce statement) {
        return statement.query(postgres).getSQL();
    }
}
