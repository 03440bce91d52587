package dev.herald.worker.store;

import static dev.herald.schema.generated.Tables.DEAD_LETTERS;

import dev.herald.schema.generated.tables.records.DeadLettersRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep6;
import org.jooq.impl.DSL;

/** Keeps stream records the worker can never store; {@code failed_at} is the database's time. */
final class InsertDeadLetters implements Function<DSLContext, Integer> {

    private final List<DeadLetter> letters;

    InsertDeadLetters(List<DeadLetter> letters) {
        this.letters = letters;
    }

    @Override
    public Integer apply(DSLContext dsl) {
        InsertValuesStep6<DeadLettersRecord, Long, String, byte[], String, String, OffsetDateTime> insert =
                dsl.insertInto(DEAD_LETTERS, DEAD_LETTERS.STREAM_SEQUENCE, DEAD_LETTERS.SUBJECT, DEAD_LETTERS.PAYLOAD,
                        DEAD_LETTERS.REASON, DEAD_LETTERS.SQL_STATE, DEAD_LETTERS.FAILED_AT);
        for (DeadLetter letter : letters) {
            insert = insert.values(DSL.val(letter.streamSequence()), DSL.val(letter.subject()),
                    DSL.val(letter.payload()), DSL.val(letter.reason()), DSL.val(letter.sqlState().orElse(null),
                            DEAD_LETTERS.SQL_STATE), DSL.currentOffsetDateTime());
        }
        return insert.execute();
    }

    @Override
    public String toString() {
        return "InsertDeadLetters{rows=" + letters.size() + "}";
    }
}
