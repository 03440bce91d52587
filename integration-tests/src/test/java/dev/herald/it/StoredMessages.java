package dev.herald.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What PostgreSQL holds of a tracked load: its senders' messages with their receipt counts, and any dead letter. */
final class StoredMessages {

    record Row(String id, String clientId, String body, long receipts) {}

    private final List<Row> rows;
    private final long deadLetters;

    private StoredMessages(List<Row> rows, long deadLetters) {
        this.rows = List.copyOf(rows);
        this.deadLetters = deadLetters;
    }

    /** Reads the messages of senders whose id starts with {@code senderPrefix}. */
    static StoredMessages read(Connection sql, String senderPrefix) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = sql.prepareStatement("""
                select m.id::text, m.client_id, m.body,
                       (select count(*) from receipts r where r.message_id = m.id)
                from messages m where m.sender_id like ?""")) {
            s.setString(1, senderPrefix + "%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
                }
            }
        }
        return new StoredMessages(rows, deadLetters(sql));
    }

    /** Every row of a {@code dead_letters} table, if the schema has one: a dead-lettered event was not stored. */
    private static long deadLetters(Connection sql) throws SQLException {
        try (Statement s = sql.createStatement();
             ResultSet exists = s.executeQuery("select to_regclass('dead_letters') is not null")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return 0;
            }
        }
        try (Statement s = sql.createStatement(); ResultSet r = s.executeQuery("select count(*) from dead_letters")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Acked messages stored once, under the id their ack carried, with one receipt. */
    long storedOnce(Map<String, String> ackedIds) {
        Map<String, List<Row>> byClientId = rows.stream().collect(Collectors.groupingBy(Row::clientId));
        return ackedIds.entrySet().stream().filter(acked -> {
            List<Row> stored = byClientId.getOrDefault(acked.getKey(), List.of());
            return stored.size() == 1 && stored.get(0).id().equals(acked.getValue()) && stored.get(0).receipts() == 1;
        }).count();
    }

    /**
     * Acked room messages stored once, under the id their ack carried. Receipts are not counted: how many rows a
     * room message writes besides its own is the room design's choice, not a duplicate.
     */
    long storedOnceIgnoringReceipts(Map<String, String> ackedIds) {
        Map<String, List<Row>> byClientId = rows.stream().collect(Collectors.groupingBy(Row::clientId));
        return ackedIds.entrySet().stream().filter(acked -> {
            List<Row> stored = byClientId.getOrDefault(acked.getKey(), List.of());
            return stored.size() == 1 && stored.get(0).id().equals(acked.getValue());
        }).count();
    }

    /** Rows beyond the first of a clientId or a body. */
    long duplicateRows() {
        long byClientId = rows.size() - rows.stream().map(Row::clientId).distinct().count();
        long byBody = rows.size() - rows.stream().map(Row::body).distinct().count();
        return Math.max(byClientId, byBody);
    }

    /** Rows beyond the first of a clientId or a body, and receipts beyond the first of a message. */
    long duplicates() {
        long receipts = rows.stream().mapToLong(row -> Math.max(0, row.receipts() - 1)).sum();
        return duplicateRows() + receipts;
    }

    long deadLetters() {
        return deadLetters;
    }
}
