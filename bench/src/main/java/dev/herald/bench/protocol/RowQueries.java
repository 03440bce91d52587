package dev.herald.bench.protocol;

import static java.util.Objects.requireNonNull;

/**
 * The SQL that finds a run's rows; every message of a run has {@code title} = the run tag.
 *
 * @param countSql one row {@code (messages, receipts)}; each {@code ?} is the tag
 * @param auditSql one row per stored message {@code (seq, receipts)}, where seq is the second {@code |} field of
 *                 the body; each {@code ?} is the tag
 */
public record RowQueries(String countSql, String auditSql) {

    public RowQueries {
        requireNonNull(countSql, "countSql");
        requireNonNull(auditSql, "auditSql");
    }
}
