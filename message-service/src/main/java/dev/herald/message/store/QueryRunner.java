package dev.herald.message.store;

import dev.herald.message.error.HeraldException;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Runs named queries on the shared DSLContext; a database failure becomes UNAVAILABLE, once, here. */
public final class QueryRunner {

    private final DSLContext dsl;

    public QueryRunner(DSLContext dsl) {
        this.dsl = dsl;
    }

    public <T> T run(Function<DSLContext, T> query) {
        try {
            return query.apply(dsl);
        } catch (DataAccessException e) {
            throw new HeraldException.Unavailable("message database unavailable, retry", e);
        }
    }
}
