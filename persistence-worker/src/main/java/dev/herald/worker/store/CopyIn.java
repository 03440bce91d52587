package dev.herald.worker.store;

import java.io.ByteArrayInputStream;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;

/**
 * Runs {@code copy <table> (<columns>) from stdin} on the transaction's connection. jOOQ has no
 * COPY: this is the one place that reaches through it to pgjdbc's {@code CopyManager}.
 */
final class CopyIn {

    private CopyIn() {}

    /** Returns how many rows PostgreSQL stored; a failure rolls back with jOOQ's DataAccessException. */
    static long copy(DSLContext tx, String table, String columns, CopyText rows) {
        byte[] bytes = rows.bytes();
        return tx.connectionResult(connection -> connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin", new ByteArrayInputStream(bytes)));
    }
}
