package dev.herald.bench.ceiling;

import dev.herald.proto.v1.Message;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import org.postgresql.PGConnection;

/**
 * The fastest rate PostgreSQL ingests the same message and receipt rows as the worker on one connection: COPY into
 * Herald's own tables, freshly migrated (same columns, keys and indexes, or the primary keys only), in one transaction.
 */
final class CopyCeiling {

    private final String jdbcUrl;
    private final String user;

    private final String schemaSql;

    /** {@code schemaSql}: run after migrating when the schema's indexes are kept (see {@link FreshSchema}). */
    CopyCeiling(String jdbcUrl, String user, String schemaSql) {
        this.schemaSql = schemaSql;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    double run(int messages, FreshSchema.Indexes indexes) throws Exception {
        FreshSchema.migrate(jdbcUrl, user, indexes, indexes == FreshSchema.Indexes.SCHEMA ? schemaSql : "");
        SampleEvents events = new SampleEvents();
        StringBuilder messageRows = new StringBuilder(messages * 200);
        StringBuilder receiptRows = new StringBuilder(messages * 70);
        for (int i = 0; i < messages; i++) {
            Message m = events.message(i).getMessageCreated();
            messageRows.append(m.getId()).append('\t').append(m.getSender().getId()).append('\t')
                    .append(m.getSender().getName()).append('\t').append(m.getTitle()).append('\t')
                    .append(m.getBody()).append("\t\t\\N\t2026-11-25 20:00:00+00\t").append(i + 1).append('\n');
            // As the worker writes them: the event's stream sequence on the receipt too.
            receiptRows.append(m.getReceivers(0)).append('\t').append(m.getId()).append('\t').append(i + 1)
                    .append('\n');
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
            c.setAutoCommit(false);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            copy.copyIn("copy messages (id, sender_id, sender_name, title, body, type, client_id, created_at,"
                    + " stream_sequence) from stdin", new StringReader(messageRows.toString()));
            copy.copyIn("copy receipts (receiver_id, message_id, stream_sequence) from stdin",
                    new StringReader(receiptRows.toString()));
            c.commit();
            double rate = messages / ((System.nanoTime() - start) / 1e9);
            return rate;
        }
    }
}
