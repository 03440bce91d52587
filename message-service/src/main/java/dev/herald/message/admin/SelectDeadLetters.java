package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.DEAD_LETTERS;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;

/** The dead letters with one of the ids or one of the stream sequences, by id. */
final class SelectDeadLetters implements Function<DSLContext, List<DeadLetter>> {

    private final Set<Long> ids;
    private final Set<Long> streamSequences;

    SelectDeadLetters(Set<Long> ids, Set<Long> streamSequences) {
        this.ids = ids;
        this.streamSequences = streamSequences;
    }

    @Override
    public List<DeadLetter> apply(DSLContext dsl) {
        return dsl.selectFrom(DEAD_LETTERS)
                .where(DEAD_LETTERS.ID.in(ids).or(DEAD_LETTERS.STREAM_SEQUENCE.in(streamSequences)))
                .orderBy(DEAD_LETTERS.ID)
                .fetch(DeadLetter::of);
    }

    @Override
    public String toString() {
        return "SelectDeadLetters{ids=" + ids.size() + ", streamSequences=" + streamSequences.size() + "}";
    }
}
