package dev.herald.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Counts what landed in PostgreSQL, for assertions. */
final class Rows {

    private final HeraldStack stack;

    Rows(HeraldStack stack) {
        this.stack = stack;
    }

    long count(String sql, Object... params) {
        try (Connection c = stack.sql(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long messages() {
        return count("select count(*) from messages");
    }

    long messagesFrom(String senderId) {
        return count("select count(*) from messages where sender_id = ?", senderId);
    }

    long receiptsOf(String messageId) {
        return count("select count(*) from receipts where message_id = ?::uuid", messageId);
    }

    boolean hasReceipt(String messageId, String receiverId) {
        return count("select count(*) from receipts where message_id = ?::uuid and receiver_id = ?",
                messageId, receiverId) == 1;
    }
}
