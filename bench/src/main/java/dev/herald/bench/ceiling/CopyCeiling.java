package dev.herald.bench.ceiling;

import dev.herald.proto.v1.Message;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The fastest rate PostgreSQL ingests the same message and receipt rows on one connection: COPY
 * into unlogged-free copies of Herald's tables (same columns, keys and indexes), in one transaction.
 */
final class CopyCeiling {

    private final String jdbcUrl;
    private final String user;

    CopyCeiling(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    double run(int messages) throws Exception {
        SampleEvents events = new SampleEvents();
        StringBuilder messageRows = new StringBuilder(messages * 200);
        StringBuilder receiptRows = new StringBuilder(messages * 60);
        for (int i = 0; i < messages; i++) {
            Message m = events.message(i).getMessageCreated();
            messageRows.append(m.getId()).append('\t').append(m.getSender().getId()).append('\t')
                    .append(m.getSender().getName()).append('\t').append(m.getTitle()).append('\t')
                    .append(m.getBody()).append("\t\t\\N\t2026-11-25 20:00:00+00\t").append(i + 1).append('\n');
            receiptRows.append(m.getReceivers(0)).append('\t').append(m.getId()).append('\n');
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, "")) {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists ceiling_messages, ceiling_receipts");
                s.execute("create table ceiling_messages (like messages including all)");
                s.execute("create table ceiling_receipts (like receipts including all)");
            }
            c.setAutoCommit(false);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            copy.copyIn("copy ceiling_messages (id, sender_id, sender_name, title, body, type, client_id, created_at,"
                    + " stream_sequence) from stdin", new StringReader(messageRows.toString()));
            copy.copyIn("copy ceiling_receipts (receiver_id, message_id) from stdin",
                    new StringReader(receiptRows.toString()));
            c.commit();
            double rate = messages / ((System.nanoTime() - start) / 1e9);
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("drop table ceiling_messages, ceiling_receipts");
            }
            return rate;
        }
    }
}
