package dev.herald.bench.persist;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row counts of whole tables, read before and after a phase so that a run can say how many rows it wrote per
 * message, whatever the rows' owner (a room message may write no receipt, a mark, a member row...). A table the
 * schema does not have counts 0. Meant for a database the run has to itself: other writers are counted too.
 */
public final class TableRows {

    /** Herald's tables that a room run writes to. */
    public static final List<String> ROOM_TABLES = List.of("messages", "receipts", "room_members", "message_marks");

    private final String jdbcUrl;
    private final List<String> tables;

    public TableRows(String jdbcUrl, List<String> tables) {
        this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl");
        this.tables = List.copyOf(tables);
    }

    /** Table → rows now, in the order given. */
    public Map<String, Long> count() {
        final Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement s = db.createStatement()) {
            for (String table : tables) {
                counts.put(table, exists(s, table) ? rows(s, table) : 0L);
            }
        } catch (SQLException e) {
            throw new PersistenceException("cannot count the rows of " + tables, e);
        }
        return counts;
    }

    /** {@code after - before}, table by table. */
    public static Map<String, Long> written(Map<String, Long> before, Map<String, Long> after) {
        final Map<String, Long> written = new LinkedHashMap<>();
        after.forEach((table, rows) -> written.put(table, rows - before.getOrDefault(table, 0L)));
        return written;
    }

    private static boolean exists(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("select to_regclass('public." + table + "') is not null")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    private static long rows(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }
}
