package dev.herald.worker.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Stores dead letters in a transaction of their own, apart from any batch. */
public final class DeadLetterWriter {

    private final DSLContext dsl;

    /** Takes the service's one shared {@link DSLContext}. */
    public DeadLetterWriter(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl");
    }

    /**
     * Stores and commits the dead letters, or rolls back and throws jOOQ's {@link DataAccessException}.
     */
    public void write(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        dsl.transaction(trx -> new InsertDeadLetters(letters).apply(trx.dsl()));
    }
}
